export * from './application-file.repository';
export * from './online-submission.repository';
export * from './online-check-escalation.repository';
