export * from './signature-verdict';
export * from './signed-result';
