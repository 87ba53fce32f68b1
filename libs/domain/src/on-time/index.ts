export * from './on-time-rate';
