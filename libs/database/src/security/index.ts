export * from './db-transaction';
export * from './refresh-token.repository';
export * from './security-audit.repository';
export type { ChainVerdict } from './audit-chain';
