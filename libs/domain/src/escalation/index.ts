export * from './escalation-policy';
export * from './office-hours';
export * from './escalation-policy-resolution';
