export * from './petition.repository';
