import { createPrivateKey, createPublicKey, KeyObject, sign, X509Certificate } from 'node:crypto';
import * as pkijs from 'pkijs';
import { arrayBufferOf, bufferOf, ensurePkijsEngine } from './pkijs-engine';
import { SigningKey } from './signing-key';

const KEY_BAG = '1.2.840.113549.1.12.10.1.1';
const SHROUDED_KEY_BAG = '1.2.840.113549.1.12.10.1.2';
const CERT_BAG = '1.2.840.113549.1.12.10.1.3';

interface Decryptable {
  parseInternalValues(parameters: { password: ArrayBuffer }): Promise<void>;
}

/** Orders certificates signer first, each followed by its issuer when the file has it. */
function chainFrom(leaf: Buffer, others: Buffer[]): Buffer[] {
  const chain = [leaf];
  const rest = [...others];
  for (;;) {
    const current = new X509Certificate(chain[chain.length - 1]);
    if (current.checkIssued(current)) {
      return chain; // self-issued: the root
    }
    const i = rest.findIndex((der) => current.checkIssued(new X509Certificate(der)));
    if (i < 0) {
      return chain;
    }
    chain.push(rest.splice(i, 1)[0]);
  }
}

/**
 * The development and test signer: a private key and its certificate chain from a PKCS#12
 * file (.p12/.pfx, as `openssl pkcs12 -export` writes it: PBES2/AES and a SHA-256 MAC, or
 * unencrypted bags). In production the key stays with the remote-signing service.
 */
export class Pkcs12SigningKey extends SigningKey {
  private constructor(
    private readonly key: KeyObject,
    private readonly chain: Buffer[],
  ) {
    super();
  }

  static async fromPkcs12(p12: Buffer, password: string): Promise<Pkcs12SigningKey> {
    ensurePkijsEngine();
    const secret = arrayBufferOf(Buffer.from(password, 'utf8'));
    const pfx = pkijs.PFX.fromBER(arrayBufferOf(p12));
    await pfx.parseInternalValues({ password: secret, checkIntegrity: true });
    const safe = pfx.parsedValue?.authenticatedSafe;
    if (!safe) {
      throw new Error('PKCS#12: no authenticated safe (wrong password or unsupported file)');
    }
    await safe.parseInternalValues({
      safeContents: safe.safeContents.map(() => ({ password: secret })),
    });
    const keys: Buffer[] = [];
    const certificates: Buffer[] = [];
    for (const contents of safe.parsedValue?.safeContents ?? []) {
      for (const bag of contents.value.safeBags) {
        if (bag.bagId === SHROUDED_KEY_BAG) {
          const shrouded = bag.bagValue as pkijs.PKCS8ShroudedKeyBag;
          // Public at run time; only its typing says protected.
          await (shrouded as unknown as Decryptable).parseInternalValues({ password: secret });
          if (shrouded.parsedValue) {
            keys.push(bufferOf(shrouded.parsedValue.toSchema().toBER(false)));
          }
        } else if (bag.bagId === KEY_BAG) {
          keys.push(bufferOf((bag.bagValue as pkijs.PrivateKeyInfo).toSchema().toBER(false)));
        } else if (bag.bagId === CERT_BAG) {
          const certBag = bag.bagValue as pkijs.CertBag;
          if (certBag.parsedValue instanceof pkijs.Certificate) {
            certificates.push(bufferOf(certBag.parsedValue.toSchema().toBER(false)));
          }
        }
      }
    }
    if (keys.length !== 1) {
      throw new Error(`PKCS#12: expected one private key, found ${keys.length}`);
    }
    const key = createPrivateKey({ key: keys[0], format: 'der', type: 'pkcs8' });
    const publicDer = createPublicKey(key).export({ format: 'der', type: 'spki' });
    const leaf = certificates.find((der) =>
      new X509Certificate(der).publicKey.export({ format: 'der', type: 'spki' }).equals(publicDer),
    );
    if (!leaf) {
      throw new Error('PKCS#12: no certificate matches the private key');
    }
    return new Pkcs12SigningKey(
      key,
      chainFrom(
        leaf,
        certificates.filter((c) => c !== leaf),
      ),
    );
  }

  certificates(): Promise<Buffer[]> {
    return Promise.resolve(this.chain);
  }

  sign(toBeSigned: Buffer): Promise<Buffer> {
    return Promise.resolve(sign('sha256', toBeSigned, { key: this.key, dsaEncoding: 'der' }));
  }
}
