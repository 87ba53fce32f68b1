import { createHash, X509Certificate } from 'node:crypto';
import { OID } from './oids';
import {
  CredentialsInfoRequest,
  CredentialsInfoResponse,
  REMOTE_SIGNING_PATHS,
  SignHashRequest,
  SignHashResponse,
  SignHashStatusResponse,
} from './remote-signing.wire';
import { SigningError } from './signing-error';
import { SigningKey } from './signing-key';

export interface RemoteSigningOptions {
  /** The service's base address, e.g. https://kysotuxa.example.vn/csc/v2 */
  baseUrl: string;
  accessToken: string;
  /** The signer's credential (certificate and key) at the service. */
  credentialId: string;
  /** Per HTTP call. */
  requestTimeoutMs: number;
  /** How long the signer has to confirm on their device. */
  confirmTimeoutMs: number;
  pollIntervalMs: number;
  /** Shown to the signer with the request. */
  description?: string;
}

/**
 * The production signer: the national remote-signing service holds the key. The certificate
 * chain is asked for once per key object; each signature is one signHash call (then polling
 * while the signer confirms).
 */
export class RemoteSigningKey extends SigningKey {
  private chain: Promise<Buffer[]> | null = null;

  constructor(private readonly options: RemoteSigningOptions) {
    super();
  }

  certificates(): Promise<Buffer[]> {
    this.chain ??= this.call<CredentialsInfoResponse>(
      'POST',
      REMOTE_SIGNING_PATHS.credentialsInfo,
      {
        credentialID: this.options.credentialId,
        certificates: 'chain',
      } satisfies CredentialsInfoRequest,
    ).then((answer) => {
      const certificates = answer.cert?.certificates ?? [];
      if (certificates.length === 0) {
        throw new SigningError('remote signer: the credential has no certificate', false);
      }
      if (answer.cert.status && answer.cert.status !== 'valid') {
        throw new SigningError(`remote signer: the certificate is ${answer.cert.status}`, false);
      }
      return certificates.map((c) => Buffer.from(c, 'base64'));
    });
    this.chain.catch(() => {
      this.chain = null; // a failed look-up is asked again next time
    });
    return this.chain;
  }

  async sign(toBeSigned: Buffer): Promise<Buffer> {
    const [leaf] = await this.certificates();
    const ec = new X509Certificate(leaf).publicKey.asymmetricKeyType === 'ec';
    const answer = await this.call<SignHashResponse>('POST', REMOTE_SIGNING_PATHS.signHash, {
      credentialID: this.options.credentialId,
      hashes: [createHash('sha256').update(toBeSigned).digest('base64')],
      hashAlgorithmOID: OID.sha256,
      signAlgo: ec ? OID.ecdsaWithSha256 : OID.rsaEncryption,
      description: this.options.description ?? 'motcua: ký kết quả giải quyết hồ sơ',
    } satisfies SignHashRequest);
    if (answer.signatures?.length) {
      return Buffer.from(answer.signatures[0], 'base64');
    }
    if (!answer.transactionID) {
      throw new SigningError('remote signer: neither a signature nor a transaction', false);
    }
    return this.awaitConfirmation(answer.transactionID);
  }

  private async awaitConfirmation(transactionId: string): Promise<Buffer> {
    const deadline = Date.now() + this.options.confirmTimeoutMs;
    for (;;) {
      const state = await this.call<SignHashStatusResponse>(
        'GET',
        REMOTE_SIGNING_PATHS.transaction(transactionId),
      );
      if (state.status === 'completed' && state.signatures?.length) {
        return Buffer.from(state.signatures[0], 'base64');
      }
      if (state.status === 'rejected' || state.status === 'expired') {
        throw new SigningError(
          `remote signer: the signature was ${state.status}${state.message ? ` (${state.message})` : ''}`,
          false,
        );
      }
      if (Date.now() + this.options.pollIntervalMs > deadline) {
        throw new SigningError('remote signer: the signer did not confirm in time', true);
      }
      await new Promise((resolve) => setTimeout(resolve, this.options.pollIntervalMs));
    }
  }

  private async call<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
    let response: Response;
    try {
      response = await fetch(this.options.baseUrl.replace(/\/+$/, '') + path, {
        method,
        headers: {
          authorization: `Bearer ${this.options.accessToken}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(this.options.requestTimeoutMs),
      });
    } catch (error) {
      throw new SigningError(`remote signer unreachable: ${(error as Error).message}`, true);
    }
    if (!response.ok) {
      const text = (await response.text().catch(() => '')).slice(0, 200);
      throw new SigningError(
        `remote signer answered ${response.status}${text ? `: ${text}` : ''}`,
        response.status >= 500,
      );
    }
    return (await response.json()) as T;
  }
}
