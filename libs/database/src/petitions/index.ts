export * from './petition.repository';
export * from './petition-alert.repository';
