export * from './application-file.repository';
export * from './online-submission.repository';
