export * from './classify-on-time';
export * from './on-time-rate';
