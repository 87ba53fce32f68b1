export * from './application-status';
export * from './role';
export * from './transition-action';
export * from './lifecycle';
export * from './actor';
export * from './stop-rules';
export * from './record-requirements';
export * from './offered-actions';
