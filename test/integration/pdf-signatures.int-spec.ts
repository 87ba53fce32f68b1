import { readFileSync } from 'node:fs';
import {
  certificatesFromPem,
  Pkcs12SigningKey,
  RemoteSigningKey,
  renderSignedResult,
  ResultDocumentData,
  SigningError,
  SigningKey,
  TimestampClient,
  TrustSettings,
  verifyPdfSignatures,
} from '@app/documents';
import { readPdf } from '../../libs/documents/src/testing/read-pdf';
import { LocalTsa } from '../signing/local-tsa';
import { RemoteSignerStub } from '../signing/remote-signer-stub';
import { DAY, TestCertificate, TestPki, TIMESTAMPING } from '../signing/test-pki';

// PAdES signatures of the electronic result (issue 13 item 3): signed here with a PKCS#12 key
// or through the remote-signing adapter, timestamped by a local `openssl ts` authority, and
// checked by the verifier against a certificate authority these tests make.

const data: ResultDocumentData = {
  organization: { provinceName: 'tỉnh Ninh Bình', agencyName: 'Sở Giáo dục và Đào tạo' },
  code: 'G22.36-260101-0001',
  applicant: {
    fullName: 'Nguyễn Thị Hồng',
    address: 'Phường Đông Thành, Ninh Bình',
    phone: null,
    email: null,
  },
  matter: 'Chỉnh sửa nội dung văn bằng, chứng chỉ',
  resultNumber: '125/QĐ-SGDĐT',
  content:
    'Đồng ý chỉnh sửa nội dung văn bằng tốt nghiệp trung học phổ thông theo đề nghị của bà Nguyễn Thị Hồng.',
  signerTitle: 'Giám đốc',
};

class PlainKey extends SigningKey {
  constructor(
    private readonly inner: Pkcs12SigningKey,
    private readonly chain: Buffer[],
  ) {
    super();
  }
  certificates() {
    return Promise.resolve(this.chain);
  }
  sign(tbs: Buffer) {
    return this.inner.sign(tbs);
  }
}

describe('PAdES signatures of results', () => {
  const pki = new TestPki();
  let root: TestCertificate;
  let signer: TestCertificate;
  let trust: TrustSettings;
  let tsa: LocalTsa;
  let tsaUrl: string;
  let key: Pkcs12SigningKey;

  const keyOf = async (leaf: TestCertificate, chain: TestCertificate[]) =>
    Pkcs12SigningKey.fromPkcs12(
      readFileSync(await pki.pkcs12(leaf, chain, 'mật-khẩu')),
      'mật-khẩu',
    );
  const sign = (
    signingKey: SigningKey,
    extra: { timestamps?: TimestampClient; crls?: Buffer[] } = {},
  ) =>
    renderSignedResult(data, {
      key: signingKey,
      signingTime: new Date(),
      location: 'Ninh Bình',
      ...extra,
    });

  beforeAll(async () => {
    root = await pki.issue({
      name: 'Test Root CA',
      ca: true,
      notBefore: new Date(Date.now() - 3000 * DAY),
      notAfter: new Date(Date.now() + 3000 * DAY),
    });
    signer = await pki.issue({ name: 'Trần Văn Giám Đốc', issuer: root });
    const tsaCert = await pki.issue({
      name: 'Test TSA',
      issuer: root,
      extendedKeyUsage: [TIMESTAMPING],
    });
    tsa = new LocalTsa(tsaCert, [root], pki.dir);
    tsaUrl = await tsa.start();
    trust = {
      anchors: certificatesFromPem(readFileSync(pki.anchorsFile([root]), 'utf8')),
      crls: [],
    };
    key = await keyOf(signer, [root]);
  });

  afterAll(() => tsa.stop());

  it('signs with a PKCS#12 key and a timestamp; the result verifies and shows its signature box', async () => {
    const pdf = await sign(key, { timestamps: new TimestampClient(tsaUrl, 10_000) });
    const result = await verifyPdfSignatures(pdf, trust, new Date());
    expect(result.reason).toBeNull();
    expect(result.verified).toBe(true);
    const [signature] = result.signatures;
    expect(signature.subFilter).toBe('ETSI.CAdES.detached');
    expect(signature.coversWholeFile).toBe(true);
    expect(signature.checks.timestamp.outcome).toBe('passed');
    expect(signature.checks.revocation.outcome).toBe('not_present');
    expect(signature.signer?.subject).toContain('Trần Văn Giám Đốc');
    expect(Math.abs(Date.parse(signature.timestampedAt!) - Date.now())).toBeLessThan(120_000);
    const text = (await readPdf(pdf)).flat;
    expect(text).toContain('Văn bản đã được ký số');
    expect(text).toContain('Người ký: Trần Văn Giám Đốc');
    expect(text).toContain('KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH');
  });

  it('without a TSA the signature verifies with no timestamp (B-B)', async () => {
    const result = await verifyPdfSignatures(await sign(key), trust, new Date());
    expect(result.verified).toBe(true);
    expect(result.signatures[0].checks.timestamp.outcome).toBe('not_present');
  });

  it('a tampered document fails on its digest', async () => {
    const pdf = await sign(key);
    const tampered = Buffer.from(pdf);
    const at = pdf.indexOf('/Title');
    tampered[at + 8] = tampered[at + 8] === 0x41 ? 0x42 : 0x41;
    const result = await verifyPdfSignatures(tampered, trust, new Date());
    expect(result.verified).toBe(false);
    expect(result.signatures[0].verdict.failedCheck).toBe('digest');
    expect(result.reason).toMatch(/digest/);
  });

  it('an expired certificate fails its chain, with or without a timestamp', async () => {
    const expired = await pki.issue({
      name: 'Chứng thư hết hạn',
      issuer: root,
      notBefore: new Date(Date.now() - 400 * DAY),
      notAfter: new Date(Date.now() - 30 * DAY),
    });
    const expiredKey = await keyOf(expired, [root]);
    for (const pdf of [
      await sign(expiredKey),
      await sign(expiredKey, { timestamps: new TimestampClient(tsaUrl, 10_000) }),
    ]) {
      const result = await verifyPdfSignatures(pdf, trust, new Date());
      expect(result.verified).toBe(false);
      expect(result.signatures[0].verdict.failedCheck).toBe('chain');
      expect(result.reason).toMatch(/expired/);
    }
  });

  it('a revoked certificate fails on the CRL embedded in the signature or configured', async () => {
    const revoked = await pki.issue({ name: 'Chứng thư bị thu hồi', issuer: root });
    const crl = await pki.crl(root, [revoked], new Date(Date.now() - DAY));
    const revokedKey = await keyOf(revoked, [root]);
    const embedded = await verifyPdfSignatures(
      await sign(revokedKey, { crls: [crl] }),
      trust,
      new Date(),
    );
    expect(embedded.verified).toBe(false);
    expect(embedded.signatures[0].verdict.failedCheck).toBe('revocation');
    expect(embedded.reason).toMatch(/revoked/);
    const configured = await verifyPdfSignatures(
      await sign(revokedKey),
      { ...trust, crls: [crl] },
      new Date(),
    );
    expect(configured.signatures[0].verdict.failedCheck).toBe('revocation');
    // The same CRL says nothing against a certificate it does not list: checked, passed.
    const fine = await verifyPdfSignatures(await sign(key, { crls: [crl] }), trust, new Date());
    expect(fine.verified).toBe(true);
    expect(fine.signatures[0].checks.revocation.outcome).toBe('passed');
  });

  it('a self-signed certificate is not trusted', async () => {
    const self = await pki.issue({ name: 'Tự ký' });
    const result = await verifyPdfSignatures(await sign(await keyOf(self, [])), trust, new Date());
    expect(result.verified).toBe(false);
    expect(result.signatures[0].verdict.failedCheck).toBe('chain');
    expect(result.reason).toMatch(/self-signed/);
  });

  it('a certificate whose chain the signature does not carry fails unless an anchor supplies it', async () => {
    const intermediate = await pki.issue({ name: 'Test Sub CA', issuer: root, ca: true });
    const leaf = await pki.issue({ name: 'Ký qua CA trung gian', issuer: intermediate });
    const inner = await keyOf(leaf, [intermediate, root]);
    const bare = new PlainKey(inner, [leaf.der]);
    const result = await verifyPdfSignatures(await sign(bare), trust, new Date());
    expect(result.signatures[0].verdict.failedCheck).toBe('chain');
    const withChain = await verifyPdfSignatures(await sign(inner), trust, new Date());
    expect(withChain.verified).toBe(true);
  });

  it('an edit appended after signing fails; validation data appended after signing does not', async () => {
    const pdf = await sign(key);
    const text = pdf.toString('latin1');
    const page = [...text.matchAll(/(\d+) 0 obj([\s\S]*?)endobj/g)].find((m) =>
      /^\s*<<\s*\/Type \/Page\b/.test(m[2]),
    )!;
    const pageBody = page[2];
    const next = Number(/\/Size (\d+)/.exec(text)![1]);
    const edit = [
      `\n${next} 0 obj\n<< /Length 44 >>\nstream\nBT /F1 24 Tf 100 100 Td (SUA DOI) Tj ET\nendstream\nendobj\n`,
      `${page[1]} 0 obj${pageBody.replace(/\/Contents (\d+ 0 R)/, `/Contents [$1 ${next} 0 R]`)}endobj\n`,
      `trailer\n<< /Size ${next + 1} /Root ${/\/Root (\d+ 0 R)/.exec(text)![1]} >>\n%%EOF\n`,
    ].join('');
    const edited = Buffer.concat([pdf, Buffer.from(edit, 'latin1')]);
    const result = await verifyPdfSignatures(edited, trust, new Date());
    expect(result.verified).toBe(false);
    expect(result.signatures[0].verdict.failedCheck).toBe('modifications');
    expect(result.reason).toMatch(/changed after signing/);

    const rootRef = /\/Root (\d+) 0 R/.exec(text)![1];
    const catalog = new RegExp(`(?:^|\\n)${rootRef} 0 obj([\\s\\S]*?)endobj`).exec(text)![1];
    const dss = [
      `\n${next} 0 obj\n<< /Type /DSS /CRLs [] /Certs [] >>\nendobj\n`,
      `${rootRef} 0 obj${catalog.replace(/>>\s*$/, `/DSS ${next} 0 R\n>>\n`)}endobj\n`,
      `trailer\n<< /Size ${next + 1} /Root ${rootRef} 0 R >>\n%%EOF\n`,
    ].join('');
    const withDss = await verifyPdfSignatures(
      Buffer.concat([pdf, Buffer.from(dss, 'latin1')]),
      trust,
      new Date(),
    );
    expect(withDss.reason).toBeNull();
    expect(withDss.signatures[0].coversWholeFile).toBe(false);
  });

  it('a document without a signature is not verified', async () => {
    const result = await verifyPdfSignatures(Buffer.from('%PDF-1.7\n%%EOF\n'), trust, new Date());
    expect(result).toMatchObject({ verified: false, reason: 'the document carries no signature' });
  });

  describe('the remote-signing adapter', () => {
    let stub: RemoteSignerStub;
    let remote: RemoteSigningKey;
    let stubUrl: string;

    beforeAll(async () => {
      const rsaSigner = await pki.issue({
        name: 'Lê Thị Phó Giám Đốc',
        issuer: root,
        keyType: 'rsa',
      });
      stub = new RemoteSignerStub(rsaSigner, [root], 'token-1', 'cred-42');
      stubUrl = await stub.start();
      remote = new RemoteSigningKey({
        baseUrl: stubUrl,
        accessToken: 'token-1',
        credentialId: 'cred-42',
        requestTimeoutMs: 5000,
        confirmTimeoutMs: 10_000,
        pollIntervalMs: 20,
      });
    });

    afterAll(() => stub.stop());

    it('signs at once or after the signer confirms; the signature verifies', async () => {
      stub.mode = 'immediate';
      const first = await verifyPdfSignatures(
        await sign(remote, { timestamps: new TimestampClient(tsaUrl, 10_000) }),
        trust,
        new Date(),
      );
      expect(first.reason).toBeNull();
      expect(first.signatures[0].signer?.subject).toContain('Lê Thị Phó Giám Đốc');
      stub.mode = 'confirm';
      const second = await verifyPdfSignatures(await sign(remote), trust, new Date());
      expect(second.verified).toBe(true);
      expect(stub.calls.filter((c) => c.startsWith('GET'))).toHaveLength(2);
      // the chain is asked for once per key
      expect(stub.calls.filter((c) => c.endsWith('/credentials/info'))).toHaveLength(1);
    });

    it('a signer who rejects on their device signs nothing', async () => {
      stub.mode = 'reject';
      await expect(sign(remote)).rejects.toThrow(/rejected \(người ký từ chối\)/);
    });

    it('a wrong access token is refused, not retried as unavailable', async () => {
      const wrong = new RemoteSigningKey({
        baseUrl: stubUrl,
        accessToken: 'nope',
        credentialId: 'cred-42',
        requestTimeoutMs: 5000,
        confirmTimeoutMs: 1000,
        pollIntervalMs: 20,
      });
      const error = await sign(wrong).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(SigningError);
      expect(error).toMatchObject({ unavailable: false });
    });
  });

  it('a timestamp authority that fails makes signing fail as unavailable', async () => {
    tsa.failWith = 503;
    try {
      const error = await sign(key, { timestamps: new TimestampClient(tsaUrl, 5000) }).catch(
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(SigningError);
      expect(error).toMatchObject({ unavailable: true });
    } finally {
      tsa.failWith = null;
    }
  });
});
