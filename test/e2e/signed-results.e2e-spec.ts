import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { KPI_CONSUMER } from '@app/core';
import {
  certificatesFromPem,
  Pkcs12SigningKey,
  renderSignedResult,
  verifyPdfSignatures,
} from '@app/documents';
import { Role, toLocalDate, TransitionAction as A } from '@app/domain';
import { JobName, OUTBOX_ROUTES, QueueName } from '@app/messaging';
import { startTestApp, TestApp } from '../setup/test-app';
import {
  count,
  dropQueues,
  eventually,
  startWorkerOn,
  testQueuePrefix,
  WorkerOnDatabase,
} from '../setup/test-events';
import { LocalTsa } from '../signing/local-tsa';
import { DAY, TestPki, TIMESTAMPING } from '../signing/test-pki';
import { APPLICATIONS, applicantFor, closeTestApp, expectError, unchanged } from './support/drive';

// Signed results through the API (issue 13 item 3): a procedure that requires a signed result
// cannot be marked ready without one that verifies; the director signs it here (PKCS#12 key,
// local TSA); K6 counts verified signatures only, in the summary.

describe('signed results: the result-ready gate and K6', () => {
  const pki = new TestPki();
  const prefix = testQueuePrefix();
  let t: TestApp;
  let worker: WorkerOnDatabase;
  let tsa: LocalTsa;
  let procedureCode: string;
  let departmentId: string;
  let officer: string;
  let director: string;
  let admin: string;
  let anchorsPath: string;
  let outsiderPdf: Buffer;

  beforeAll(async () => {
    const root = await pki.issue({
      name: 'Test Root CA',
      ca: true,
      notBefore: new Date(Date.now() - 3000 * DAY),
    });
    const signer = await pki.issue({ name: 'Giám đốc Sở thử nghiệm', issuer: root });
    const tsaCert = await pki.issue({
      name: 'Test TSA',
      issuer: root,
      extendedKeyUsage: [TIMESTAMPING],
    });
    tsa = new LocalTsa(tsaCert, [root], pki.dir);
    const tsaUrl = await tsa.start();
    anchorsPath = pki.anchorsFile([root]);
    // A result signed by a CA the API does not trust.
    const otherRoot = await pki.issue({ name: 'Untrusted Root', ca: true });
    const outsider = await pki.issue({ name: 'Người ký ngoài', issuer: otherRoot });
    const outsiderKey = await Pkcs12SigningKey.fromPkcs12(
      readFileSync(await pki.pkcs12(outsider, [otherRoot], 'x')),
      'x',
    );
    outsiderPdf = await renderSignedResult(
      {
        organization: { provinceName: 'tỉnh Ninh Bình', agencyName: 'Sở Giáo dục và Đào tạo' },
        code: 'X',
        applicant: { fullName: 'A', address: null, phone: null, email: null },
        matter: 'M',
        resultNumber: null,
        content: 'Nội dung',
        signerTitle: 'Giám đốc',
      },
      { key: outsiderKey, signingTime: new Date(), location: 'Ninh Bình' },
    );
    const env = {
      QUEUE_PREFIX: prefix,
      SIGNING_MODE: 'pkcs12',
      SIGNING_PKCS12_PATH: await pki.pkcs12(signer, [root], 'mat-khau-ky'),
      SIGNING_PKCS12_PASSWORD: 'mat-khau-ky',
      TSA_URL: tsaUrl,
      SIGNATURE_TRUST_ANCHORS: anchorsPath,
    };
    t = await startTestApp(env);
    worker = await startWorkerOn(t.config.database.url, env);
    const department = await t.factory.department();
    departmentId = department.id;
    procedureCode = (await t.factory.procedure({ departmentId, onlineLevel: 'full' })).code;
    officer = await t.tokenFor(Role.Officer, departmentId);
    director = await t.tokenFor(Role.Director);
    admin = await t.tokenFor(Role.Admin);
  }, 60_000);

  afterAll(async () => {
    await worker?.close();
    await dropQueues(prefix, Object.values(QueueName));
    if (t) {
      await closeTestApp(t);
    }
    await tsa?.stop();
  });

  const intake = async (channel: string) => {
    const res = await t.http
      .post(APPLICATIONS)
      .set('authorization', `Bearer ${await t.tokenFor(Role.Reception)}`)
      .send({ procedureCode, channel, applicant: applicantFor('Phạm Văn Ký') });
    expect(res.status).toBe(201);
    const started = await t.http
      .post(`${APPLICATIONS}/${res.body.id}/${A.Start}`)
      .set('authorization', `Bearer ${officer}`)
      .send({ version: res.body.version });
    expect(started.status).toBe(200);
    return started.body as { id: string; code: string; version: number };
  };
  const markReady = (app: { id: string; version: number }) =>
    t.http
      .post(`${APPLICATIONS}/${app.id}/${A.MarkResultReady}`)
      .set('authorization', `Bearer ${officer}`)
      .send({ version: app.version, digitallySigned: true });
  const setRule = (code: string, required: boolean, token = admin) =>
    t.http
      .put(`/api/v1/procedures/${code}/result-signing`)
      .set('authorization', `Bearer ${token}`)
      .send({ requiresSignedResult: required });

  it('an administrator sets the rule per procedure; others may not; unknown codes are 404', async () => {
    expect((await setRule(procedureCode, true)).body).toEqual({
      procedureCode,
      requiresSignedResult: true,
    });
    expectError(await setRule(procedureCode, false, officer), 403, 'FORBIDDEN');
    expectError(await setRule('9.999999', true), 404, 'NOT_FOUND');
    const bad = await t.http
      .put(`/api/v1/procedures/${procedureCode}/result-signing`)
      .set('authorization', `Bearer ${admin}`)
      .send({ requiresSignedResult: 'yes' });
    expectError(bad, 400, 'VALIDATION_FAILED', ['requiresSignedResult']);
    const read = await t.http
      .get(`/api/v1/procedures/${procedureCode}/result-signing`)
      .set('authorization', `Bearer ${officer}`);
    expect(read.body.requiresSignedResult).toBe(true);
  });

  it('without a verified signed result the result is not ready (400 naming resultDocument); nothing changes', async () => {
    const app = await intake('online');
    const none = await unchanged(t, () => markReady(app));
    expectError(none, 400, 'VALIDATION_FAILED', ['resultDocument']);
    expect(none.body.details[0].reason).toContain('the application has no result document');

    // Uploaded but signed under a CA nobody trusts: stored with its report, still refused.
    const uploaded = await t.http
      .post(`${APPLICATIONS}/${app.id}/result-document`)
      .set('authorization', `Bearer ${officer}`)
      .set('content-type', 'application/pdf')
      .send(outsiderPdf);
    expect(uploaded.status).toBe(201);
    expect(uploaded.body).toMatchObject({ source: 'uploaded', verified: false });
    expect(uploaded.body.reason).toBe(
      'chain: self-signed certificate "Untrusted Root" is not a trust anchor',
    );
    const untrusted = await unchanged(t, () => markReady(app));
    expectError(untrusted, 400, 'VALIDATION_FAILED', ['resultDocument']);
    expect(untrusted.body.details[0].reason).toContain(
      'chain: self-signed certificate "Untrusted Root"',
    );

    // Tampered after signing: the digest names it.
    const tampered = Buffer.from(outsiderPdf);
    tampered[tampered.indexOf('/Title') + 8] ^= 0x01;
    const edited = await t.http
      .post(`${APPLICATIONS}/${app.id}/result-document`)
      .set('authorization', `Bearer ${officer}`)
      .set('content-type', 'application/pdf')
      .send(tampered);
    expect(edited.body.reason).toMatch(/^digest: the document was changed/);

    // Not a PDF at all.
    const notPdf = await t.http
      .post(`${APPLICATIONS}/${app.id}/result-document`)
      .set('authorization', `Bearer ${officer}`)
      .set('content-type', 'application/pdf')
      .send(Buffer.from('hello'));
    expectError(notPdf, 400, 'VALIDATION_FAILED', ['file']);
  });

  it('the director signs the result here (PAdES, timestamped); it verifies and the result becomes ready', async () => {
    const app = await intake('online');
    expectError(
      await t.http
        .post(`${APPLICATIONS}/${app.id}/result-document/sign`)
        .set('authorization', `Bearer ${officer}`)
        .send({ content: 'Đồng ý.' }),
      403,
      'FORBIDDEN',
    );
    expectError(
      await t.http
        .post(`${APPLICATIONS}/${app.id}/result-document/sign`)
        .set('authorization', `Bearer ${director}`)
        .send({}),
      400,
      'VALIDATION_FAILED',
      ['content'],
    );
    const signed = await t.http
      .post(`${APPLICATIONS}/${app.id}/result-document/sign`)
      .set('authorization', `Bearer ${director}`)
      .send({
        content: 'Đồng ý cấp bản sao văn bằng cho ông Phạm Văn Ký.',
        resultNumber: '12/QĐ-SGDĐT',
      });
    expect(signed.status).toBe(201);
    expect(signed.body).toMatchObject({
      source: 'signed_here',
      verified: true,
      reason: null,
      resultNumber: '12/QĐ-SGDĐT',
    });
    expect(signed.body.signatures[0].checks.timestamp.outcome).toBe('passed');
    expect(signed.body.signatures[0].signerSubject).toContain('Giám đốc Sở thử nghiệm');
    expect(tsa.requests).toBeGreaterThan(0);

    const content = await t.http
      .get(`${APPLICATIONS}/${app.code}/result-document/content`)
      .set('authorization', `Bearer ${officer}`)
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      });
    expect(content.status).toBe(200);
    const trust = { anchors: certificatesFromPem(readFileSync(anchorsPath, 'utf8')), crls: [] };
    expect((await verifyPdfSignatures(content.body as Buffer, trust, new Date())).verified).toBe(
      true,
    );

    const ready = await markReady(app);
    expect(ready.status).toBe(200);
    const { rows } = await t.db.query(
      `SELECT payload FROM application_history WHERE application_id = $1 AND action = $2`,
      [app.id, A.MarkResultReady],
    );
    expect(rows[0].payload).toMatchObject({
      signatureVerified: true,
      resultDocumentId: signed.body.id,
    });

    // Once ready, no other result is signed over it.
    expectError(
      await t.http
        .post(`${APPLICATIONS}/${app.id}/result-document/sign`)
        .set('authorization', `Bearer ${director}`)
        .send({ content: 'Khác' }),
      409,
      'ILLEGAL_TRANSITION',
    );
  });

  it('K6 counts verified signatures only: a claimed signature without one does not count', async () => {
    await setRule(procedureCode, false);
    // Online, claimed signed (digitallySigned: true) but with no verified result.
    const claimed = await intake('online');
    expect((await markReady(claimed)).status).toBe(200);
    const types = [...OUTBOX_ROUTES.find((r) => r.job === JobName.KpiApplyEvent)!.types];
    await eventually(
      async () =>
        (await count(t, `SELECT count(*) AS n FROM consumed_events WHERE consumer = $1`, [
          KPI_CONSUMER,
        ])) ===
        (await count(t, `SELECT count(*) AS n FROM outbox_events WHERE type = ANY($1)`, [types])),
      (done) => done,
      30_000,
    );
    const today = toLocalDate(new Date()); // the Vietnamese day
    const summary = await t.http
      .get('/api/v1/metrics/summary')
      .query({ from: today, to: today })
      .set('authorization', `Bearer ${director}`);
    expect(summary.status).toBe(200);
    const k6 = summary.body.kpis.find((k: { code: string }) => k.code === 'K6');
    // Online and resolved: the signed one (previous test) and the claimed one.
    expect(k6).toMatchObject({ numerator: 1, denominator: 2, value: 50 });

    // The month's workbook carries the same K6 on its indicators sheet.
    const [year, month] = today.split('-').map(Number);
    const workbook = await t.http
      .get('/api/v1/reports/month.xlsx')
      .query({ year, n: month })
      .set('authorization', `Bearer ${director}`)
      .buffer(true)
      .parse((r, cb) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => cb(null, Buffer.concat(chunks)));
      });
    expect(workbook.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(workbook.body as ArrayBuffer);
    const rows = new Map<string, unknown[]>();
    wb.getWorksheet('Chỉ tiêu')!.eachRow((row) =>
      rows.set(row.getCell(1).text, row.values as unknown[]),
    );
    expect(rows.get('K6')?.slice(3, 6)).toEqual([50, 1, 2]);
  });
});
