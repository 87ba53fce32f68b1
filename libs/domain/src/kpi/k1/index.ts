export * from './k1-timeline';
export * from './k1-standing';
export * from './k1-segments';
export * from './k1-figures';
