import { readFile } from 'node:fs/promises';
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@app/config';
import { Pkcs12SigningKey, RemoteSigningKey, SigningKey, TimestampClient } from '@app/documents';

/**
 * The configured signing port (SIGNING_MODE): a PKCS#12 key for development and tests, the
 * national remote-signing service in production, or none (results are then uploaded already
 * signed). The timestamp authority when TSA_URL is set.
 */
@Injectable()
export class ResultSignerService {
  private key: Promise<SigningKey> | null = null;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  /** null when SIGNING_MODE=none. */
  signingKey(): Promise<SigningKey> | null {
    const { mode, pkcs12, remote } = this.config.signing;
    if (mode === 'none') {
      return null;
    }
    this.key ??=
      mode === 'pkcs12' && pkcs12
        ? readFile(pkcs12.path).then((bytes) => Pkcs12SigningKey.fromPkcs12(bytes, pkcs12.password))
        : Promise.resolve(new RemoteSigningKey(remote!));
    this.key.catch(() => {
      this.key = null; // a file fixed later is read again
    });
    return this.key;
  }

  timestamps(): TimestampClient | null {
    const tsa = this.config.signing.tsa;
    return tsa ? new TimestampClient(tsa.url, tsa.timeoutMs) : null;
  }
}
