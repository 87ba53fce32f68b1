export * from './application.record';
export * from './application.repository';
export * from './idempotency.repository';
export * from './application-step.repository';
export * from './application-transaction';
