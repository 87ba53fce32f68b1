export * from './petition-lifecycle';
export * from './petition-deadlines';
export * from './k9';
export * from './redaction';
export * from './petition-alerts';
