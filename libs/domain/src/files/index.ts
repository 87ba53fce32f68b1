export * from './file-content';
