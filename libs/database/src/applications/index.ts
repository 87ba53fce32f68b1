export * from './application.record';
export * from './application.repository';
export * from './idempotency.repository';
