export * from './carrier.port';
export * from './http-carrier';
export * from './postal-dispatch.service';
export * from './postal-intake.service';
export * from './postal-mail';
export * from './postal-shipment.service';
export * from './postal.module';
export * from './shipment.view';
