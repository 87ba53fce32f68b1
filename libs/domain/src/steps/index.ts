export * from './step-outcome';
export * from './step-budget';
export * from './step-clock';
export * from './lead-step';
export * from './step-acknowledgement';
