/**
 * The signing port: whoever holds the private key. A PKCS#12 file for development and tests
 * (Pkcs12SigningKey), the national remote-signing service in production (RemoteSigningKey).
 * The PDF and CMS work is the same for both; only these two operations differ.
 */
export abstract class SigningKey {
  /** The signer's certificate first, then its issuers (DER), as the CMS will carry them. */
  abstract certificates(): Promise<Buffer[]>;
  /**
   * Signs `toBeSigned` (the DER of the CMS signed attributes) with SHA-256 and returns the
   * signature value as CMS carries it (PKCS#1 v1.5 for RSA, DER-encoded ECDSA).
   */
  abstract sign(toBeSigned: Buffer): Promise<Buffer>;
}
