/**
 * The wire format of the national remote-signing service (ký số từ xa), in this one file.
 *
 * Its specification is not public. The shape follows the Cloud Signature Consortium API v2,
 * which the remote-signing services licensed in Viet Nam resemble: the key never leaves the
 * service; motcua sends the SHA-256 of what is to be signed and gets the signature value back,
 * after the signer confirms on their own device (an asynchronous transaction that motcua
 * polls). Replace this file (and only it) when the real specification is at hand.
 *
 *   POST {base}/credentials/info      CredentialsInfoRequest  → CredentialsInfoResponse
 *   POST {base}/signatures/signHash   SignHashRequest         → SignHashResponse
 *   GET  {base}/signatures/{id}                                → SignHashStatusResponse
 *
 * Every call carries `Authorization: Bearer <access token>`; bodies are JSON, binary values
 * base64 (standard alphabet).
 */
export const REMOTE_SIGNING_PATHS = {
  credentialsInfo: '/credentials/info',
  signHash: '/signatures/signHash',
  transaction: (id: string) => `/signatures/${encodeURIComponent(id)}`,
} as const;

export interface CredentialsInfoRequest {
  credentialID: string;
  /** Ask for the whole chain, signer first. */
  certificates: 'chain';
}

export interface CredentialsInfoResponse {
  cert: {
    /** valid | expired | revoked | suspended */
    status?: string;
    /** DER certificates in base64, signer first. */
    certificates: string[];
  };
}

export interface SignHashRequest {
  credentialID: string;
  /** The hashes to sign, base64; motcua sends one. */
  hashes: string[];
  /** OID of the hash algorithm (SHA-256: 2.16.840.1.101.3.4.2.1). */
  hashAlgorithmOID: string;
  /** OID of the signature algorithm (rsaEncryption or ecdsa-with-SHA256). */
  signAlgo: string;
  /** Shown to the signer on their device with the request to confirm. */
  description: string;
}

/** Either the signatures at once, or a transaction to poll while the signer confirms. */
export interface SignHashResponse {
  /** Signature values, base64: PKCS#1 v1.5 for RSA, DER-encoded for ECDSA. */
  signatures?: string[];
  transactionID?: string;
}

export interface SignHashStatusResponse {
  status: 'pending' | 'completed' | 'rejected' | 'expired';
  signatures?: string[];
  /** Why a transaction was rejected or expired. */
  message?: string;
}
