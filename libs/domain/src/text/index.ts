export * from './search-key';
