import { execFile } from 'node:child_process';
import { webcrypto, X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';

const run = promisify(execFile);
const subtle = webcrypto.subtle;
const DAY = 24 * 3600 * 1000;

/** Everything about one certificate the tests made: the DER, its key, and PEM files on disk. */
export interface TestCertificate {
  name: string;
  der: Buffer;
  x509: X509Certificate;
  cert: pkijs.Certificate;
  privateKey: webcrypto.CryptoKey;
  keyType: 'ec' | 'rsa';
  certPath: string;
  keyPath: string;
}

export interface IssueOptions {
  name: string;
  issuer?: TestCertificate;
  ca?: boolean;
  notBefore?: Date;
  notAfter?: Date;
  /** Extended key usages (critical), e.g. timestamping for the TSA. */
  extendedKeyUsage?: string[];
  keyType?: 'ec' | 'rsa';
}

const pem = (label: string, der: Buffer) =>
  `-----BEGIN ${label}-----\n${der
    .toString('base64')
    .match(/.{1,64}/g)!
    .join('\n')}\n-----END ${label}-----\n`;

function distinguishedName(commonName: string): pkijs.RelativeDistinguishedNames {
  return new pkijs.RelativeDistinguishedNames({
    typesAndValues: [
      new pkijs.AttributeTypeAndValue({
        type: '2.5.4.6',
        value: new asn1js.PrintableString({ value: 'VN' }),
      }),
      new pkijs.AttributeTypeAndValue({
        type: '2.5.4.10',
        value: new asn1js.Utf8String({ value: 'Sở Giáo dục và Đào tạo (thử nghiệm)' }),
      }),
      new pkijs.AttributeTypeAndValue({
        type: '2.5.4.3',
        value: new asn1js.Utf8String({ value: commonName }),
      }),
    ],
  });
}

/**
 * A certificate authority made by the tests, in memory and on disk (PEM for openssl):
 * roots, signers valid, expired or revoked, a self-signed one, a timestamping certificate,
 * CRLs and PKCS#12 files.
 */
export class TestPki {
  readonly dir = mkdtempSync(join(tmpdir(), 'motcua-pki-'));
  private serial = 1000;

  constructor() {
    pkijs.setEngine('test', new pkijs.CryptoEngine({ name: 'test', crypto: webcrypto }));
  }

  async issue(options: IssueOptions): Promise<TestCertificate> {
    const keyType = options.keyType ?? 'ec';
    const keys = await subtle.generateKey(
      keyType === 'ec'
        ? { name: 'ECDSA', namedCurve: 'P-256' }
        : {
            name: 'RSASSA-PKCS1-v1_5',
            modulusLength: 2048,
            publicExponent: new Uint8Array([1, 0, 1]),
            hash: 'SHA-256',
          },
      true,
      ['sign', 'verify'],
    );
    const cert = new pkijs.Certificate();
    cert.version = 2;
    cert.serialNumber = new asn1js.Integer({ value: this.serial++ });
    cert.subject = distinguishedName(options.name);
    cert.issuer = options.issuer ? options.issuer.cert.subject : cert.subject;
    const now = Date.now();
    cert.notBefore.value = options.notBefore ?? new Date(now - DAY);
    cert.notAfter.value = options.notAfter ?? new Date(now + 365 * DAY);
    await cert.subjectPublicKeyInfo.importKey(keys.publicKey);
    const extensions: pkijs.Extension[] = [];
    if (options.ca) {
      extensions.push(
        new pkijs.Extension({
          extnID: '2.5.29.19',
          critical: true,
          extnValue: new pkijs.BasicConstraints({ cA: true }).toSchema().toBER(false),
        }),
      );
    }
    if (options.extendedKeyUsage) {
      extensions.push(
        new pkijs.Extension({
          extnID: '2.5.29.37',
          critical: true,
          extnValue: new pkijs.ExtKeyUsage({ keyPurposes: options.extendedKeyUsage })
            .toSchema()
            .toBER(false),
        }),
      );
    }
    if (extensions.length > 0) {
      cert.extensions = extensions;
    }
    const signingKey = options.issuer ? options.issuer.privateKey : keys.privateKey;
    await cert.sign(signingKey, 'SHA-256');
    const der = Buffer.from(cert.toSchema().toBER(false));
    const pkcs8 = Buffer.from(await subtle.exportKey('pkcs8', keys.privateKey));
    const base = join(this.dir, `${this.serial}-${options.name.replace(/[^A-Za-z0-9]+/g, '-')}`);
    writeFileSync(`${base}.pem`, pem('CERTIFICATE', der));
    writeFileSync(`${base}.key`, pem('PRIVATE KEY', pkcs8));
    return {
      name: options.name,
      der,
      x509: new X509Certificate(der),
      cert,
      privateKey: keys.privateKey,
      keyType,
      certPath: `${base}.pem`,
      keyPath: `${base}.key`,
    };
  }

  /** A CRL of `issuer` listing `revoked` as revoked at `revokedAt`. */
  async crl(issuer: TestCertificate, revoked: TestCertificate[], revokedAt: Date): Promise<Buffer> {
    const crl = new pkijs.CertificateRevocationList();
    crl.version = 1;
    crl.issuer = issuer.cert.subject;
    crl.thisUpdate = new pkijs.Time({ type: 0, value: new Date(Date.now() - 3600_000) });
    crl.nextUpdate = new pkijs.Time({ type: 0, value: new Date(Date.now() + 7 * DAY) });
    crl.revokedCertificates = revoked.map(
      (c) =>
        new pkijs.RevokedCertificate({
          userCertificate: c.cert.serialNumber,
          revocationDate: new pkijs.Time({ type: 0, value: revokedAt }),
        }),
    );
    await crl.sign(issuer.privateKey, 'SHA-256');
    return Buffer.from(crl.toSchema().toBER(false));
  }

  /** A PKCS#12 file as `openssl pkcs12 -export` writes it (OpenSSL 3 defaults: PBES2, AES). */
  async pkcs12(leaf: TestCertificate, chain: TestCertificate[], password: string): Promise<string> {
    const out = join(this.dir, `${leaf.name.replace(/[^A-Za-z0-9]+/g, '-')}-${this.serial++}.p12`);
    const chainPath = join(this.dir, `chain-${this.serial++}.pem`);
    writeFileSync(chainPath, chain.map((c) => readFileSync(c.certPath, 'utf8')).join(''));
    await run('openssl', [
      'pkcs12',
      '-export',
      '-inkey',
      leaf.keyPath,
      '-in',
      leaf.certPath,
      ...(chain.length ? ['-certfile', chainPath] : []),
      '-passout',
      `pass:${password}`,
      '-out',
      out,
    ]);
    return out;
  }

  /** A PEM bundle of trust anchors on disk. */
  anchorsFile(anchors: TestCertificate[]): string {
    const path = join(this.dir, `anchors-${this.serial++}.pem`);
    writeFileSync(path, anchors.map((a) => readFileSync(a.certPath, 'utf8')).join(''));
    return path;
  }
}

export const TIMESTAMPING = '1.3.6.1.5.5.7.3.8';
export { DAY };
