export * from './periods';
export * from './k1';
export * from './kpi-contributions';
export * from './indicators';
