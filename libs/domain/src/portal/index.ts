export * from './dvcqg-wire-format';
export * from './dvcqg-code-tables';
export * from './dvcqg-mapper';
