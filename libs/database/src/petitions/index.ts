export * from './petition.repository';
export * from './petition-alert.repository';
export * from './petition-mail.repository';
