export * from './lockout-policy';
export * from './retry-later';
