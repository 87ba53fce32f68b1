export * from './step-outcome';
