export * from './review-chain';
export * from './apology-signer';
