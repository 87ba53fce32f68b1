export * from './deadline-policy';
export * from './working-time';
export * from './compute-due-at';
export * from './supplement-deadlines';
export * from './deadline-alert-times';
export * from './working-day-before';
export * from './supplement-window';
export * from './apology-rules';
