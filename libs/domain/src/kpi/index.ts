export * from './periods';
export * from './k1';
