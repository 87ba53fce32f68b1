export * from './application.record';
export * from './application.repository';
export type { ListFilter } from './application-list.query';
export * from './idempotency.repository';
export * from './application-step.repository';
export * from './application-transaction';
