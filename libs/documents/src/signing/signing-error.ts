/**
 * A signing service (the remote signer, the timestamp authority) failed or refused: nothing
 * was signed. `unavailable` when it did not answer or answered 5xx (retry later); otherwise
 * the request itself was refused (bad credential, signer rejected on their device, ...).
 */
export class SigningError extends Error {
  constructor(
    message: string,
    readonly unavailable: boolean,
  ) {
    super(message);
    this.name = 'SigningError';
  }
}
