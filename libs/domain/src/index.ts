export * from './errors';
export * from './lifecycle';
export * from './calendar';
export * from './deadlines';
export * from './on-time';
export * from './text';
