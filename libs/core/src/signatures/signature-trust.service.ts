import { readFile } from 'node:fs/promises';
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@app/config';
import { certificatesFromPem, TrustSettings } from '@app/documents';

/** DER from a CRL file written as DER or PEM. */
function crlDer(content: Buffer): Buffer {
  const text = content.toString('latin1');
  const pem = /-----BEGIN X509 CRL-----([\s\S]*?)-----END X509 CRL-----/.exec(text);
  return pem ? Buffer.from(pem[1].replace(/\s+/g, ''), 'base64') : content;
}

/**
 * What the verifier trusts (SIGNATURE_TRUST_ANCHORS, SIGNATURE_CRLS), read once per process.
 * Without anchors nothing verifies: a result requiring a signature cannot be marked ready.
 */
@Injectable()
export class SignatureTrustService {
  private settings: Promise<TrustSettings> | null = null;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  trust(): Promise<TrustSettings> {
    this.settings ??= this.load();
    return this.settings;
  }

  private async load(): Promise<TrustSettings> {
    const { trustAnchorsPath, crlPaths } = this.config.signing;
    const anchors = trustAnchorsPath
      ? certificatesFromPem(await readFile(trustAnchorsPath, 'utf8'))
      : [];
    const crls = await Promise.all(crlPaths.map(async (p) => crlDer(await readFile(p))));
    return { anchors, crls };
  }
}
