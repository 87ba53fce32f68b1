export * from './search-key';
export * from './masking';
