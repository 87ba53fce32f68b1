export * from './shipment-status';
export * from './tracking-code';
export * from './postal-reception';
export * from './carrier-wire-format';
