export * from './escalation-policy';
export * from './office-hours';
