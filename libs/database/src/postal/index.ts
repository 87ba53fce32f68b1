export * from './postal-shipment.record';
export * from './postal-shipment.repository';
