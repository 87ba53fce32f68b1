import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ApplicationStatus as S, Role, TransitionAction as A } from '@app/domain';
import { QueueName } from '@app/messaging';
import { startSmtpSink } from '../setup/smtp-sink';
import { StubCarrier } from '../setup/stub-carrier';
import { StubPortal } from '../setup/stub-portal';
import { startTestApp, TestApp } from '../setup/test-app';
import {
  dropQueues,
  eventually,
  startWorkerOn,
  testQueuePrefix,
  WorkerOnDatabase,
} from '../setup/test-events';
import { LocalTsa } from '../signing/local-tsa';
import { DAY, TestPki, TIMESTAMPING } from '../signing/test-pki';
import { applicantFor, expectError } from './support/drive';

// One application's journey through the three outside systems of issue 13, for the closing
// note: received by post (as of the hand-over record), synced to the national portal (stub),
// its result signed (PAdES, timestamped) and verified, returned by post (stub carrier). Each
// step is printed and written to test-artifacts/journey.txt.

const address = {
  phone: '0912345678',
  street: 'Số 12 Trần Hưng Đạo',
  commune: 'Phường Đông Thành',
  district: 'Thành phố Ninh Bình',
  province: 'Ninh Bình',
};

describe('the journey: by post, synced, signed, returned by post', () => {
  const pki = new TestPki();
  const prefix = testQueuePrefix();
  const steps: string[] = [];
  let t: TestApp;
  let worker: WorkerOnDatabase;
  let tsa: LocalTsa;
  let portal: StubPortal;
  let carrier: StubCarrier;
  let sink: Awaited<ReturnType<typeof startSmtpSink>>;

  const step = (text: string) => {
    steps.push(`${steps.length + 1}. ${text}`);
    console.log(steps[steps.length - 1]);
  };

  beforeAll(async () => {
    const root = await pki.issue({
      name: 'Test Root CA',
      ca: true,
      notBefore: new Date(Date.now() - 3000 * DAY),
    });
    const director = await pki.issue({ name: 'Giám đốc Sở (thử nghiệm)', issuer: root });
    const tsaCert = await pki.issue({
      name: 'Test TSA',
      issuer: root,
      extendedKeyUsage: [TIMESTAMPING],
    });
    tsa = new LocalTsa(tsaCert, [root], pki.dir);
    portal = await new StubPortal().start();
    carrier = await new StubCarrier().start();
    sink = await startSmtpSink();
    const env = {
      QUEUE_PREFIX: prefix,
      SIGNING_MODE: 'pkcs12',
      SIGNING_PKCS12_PATH: await pki.pkcs12(director, [root], 'hanh-trinh'),
      SIGNING_PKCS12_PASSWORD: 'hanh-trinh',
      TSA_URL: await tsa.start(),
      SIGNATURE_TRUST_ANCHORS: pki.anchorsFile([root]),
      DVCQG_BASE_URL: portal.url,
      DVCQG_TIMEOUT_MS: '2000',
      CARRIER_BASE_URL: carrier.url,
      CARRIER_TOKEN: 'khoa-thu-nghiem',
      CARRIER_TIMEOUT_MS: '2000',
      SMTP_URL: sink.url,
    };
    t = await startTestApp(env);
    worker = await startWorkerOn(t.config.database.url, env);
  }, 60_000);

  afterAll(async () => {
    const out = path.resolve(__dirname, '../../test-artifacts');
    mkdirSync(out, { recursive: true });
    writeFileSync(path.join(out, 'journey.txt'), `${steps.join('\n')}\n`);
    await worker?.close();
    await dropQueues(prefix, Object.values(QueueName));
    await t?.close();
    await Promise.all([tsa?.stop(), portal?.close(), carrier?.close(), sink?.close()]);
  });

  it('one application from the post office to the applicant, every outside system in between', async () => {
    const department = await t.factory.department({ name: 'Phòng Giáo dục Trung học' });
    const procedureCode = (
      await t.factory.procedure({ departmentId: department.id, name: 'Cấp bản sao văn bằng' })
    ).code;
    await t.db.query(
      `UPDATE procedures SET postal_intake = true, postal_return = true WHERE code = $1`,
      [procedureCode],
    );
    const admin = await t.tokenFor(Role.Admin);
    const desk = await t.tokenFor(Role.Reception);
    const officer = await t.tokenFor(Role.Officer, department.id);
    const directorToken = await t.tokenFor(Role.Director);
    await t.http
      .post('/api/v1/postal/tracking-pool')
      .set('authorization', `Bearer ${admin}`)
      .send({ service: 'RR', firstSerial: 30_000_000, count: 10 })
      .expect(200);
    await t.http
      .put(`/api/v1/procedures/${procedureCode}/result-signing`)
      .set('authorization', `Bearer ${admin}`)
      .send({ requiresSignedResult: true })
      .expect(200);

    // 1. The post office took the dossier yesterday; the hand-over record was signed this morning.
    const signedAt = new Date(Date.now() - 3600_000);
    const intake = await t.http
      .post('/api/v1/postal/intake')
      .set('authorization', `Bearer ${desk}`)
      .send({
        procedureCode,
        applicant: { ...applicantFor('Lê Thị Thu'), email: 'thu.le@example.vn' },
        sender: { name: 'Lê Thị Thu', ...address },
        handOver: {
          number: 'BBGN-HT-01',
          signedAt: signedAt.toISOString(),
          signedBy: 'Trần Văn Bưu',
        },
      });
    expect(intake.status).toBe(201);
    let app = intake.body.application as {
      id: string;
      code: string;
      version: number;
      status: string;
      receivedAt: string;
      dueAt: string;
    };
    expect(app).toMatchObject({ status: S.Received });
    expect(app.receivedAt).toBe(signedAt.toISOString());
    step(
      `Received by post: ${app.code}, inbound ${intake.body.shipment.trackingCode}, reception time = hand-over record BBGN-HT-01 (${app.receivedAt}), appointment ${app.dueAt}`,
    );

    // 2. Synced to the national portal: status 2 (received), channel 3 (post).
    const received = await eventually(
      () => Promise.resolve(portal.dossiers.get(app.code)),
      (d) => d?.TrangThaiHoSo === 2,
      30_000,
    );
    expect(received?.KenhThucHien).toBe(3);
    step(
      `Synced to DVCQG (stub): MaHoSo ${app.code}, TrangThaiHoSo 2, KenhThucHien 3, NgayTiepNhan ${received?.NgayTiepNhan}`,
    );

    // 3. The applicant asks for the result by post.
    await t.http
      .put(`/api/v1/postal/applications/${app.code}/return-request`)
      .set('authorization', `Bearer ${desk}`)
      .send({ receiver: { name: 'Lê Thị Thu', ...address }, postageVnd: 32_000 })
      .expect(200);
    const started = await t.http
      .post(`/api/v1/applications/${app.id}/${A.Start}`)
      .set('authorization', `Bearer ${officer}`)
      .send({ version: app.version });
    expect(started.status).toBe(200);
    app = started.body;
    step('Result by post requested; processing started');

    // 4. Not ready without a verified signed result (the procedure requires one).
    const refused = await t.http
      .post(`/api/v1/applications/${app.id}/${A.MarkResultReady}`)
      .set('authorization', `Bearer ${officer}`)
      .send({ version: app.version });
    expectError(refused, 400, 'VALIDATION_FAILED', ['resultDocument']);
    step(`Result ready refused without a signed result: ${refused.body.details[0].reason}`);

    // 5. The director signs the result (PKCS#12 key, local RFC 3161 authority).
    const signed = await t.http
      .post(`/api/v1/applications/${app.id}/result-document/sign`)
      .set('authorization', `Bearer ${directorToken}`)
      .send({
        content: 'Cấp bản sao văn bằng tốt nghiệp cho bà Lê Thị Thu.',
        resultNumber: '31/QĐ-SGDĐT',
      });
    expect(signed.status).toBe(201);
    expect(signed.body.verified).toBe(true);
    const report = signed.body.signatures[0];
    step(
      `Signed (${report.subFilter}) by ${report.signerSubject}, timestamped ${report.timestampedAt}; checks: ${Object.entries(
        report.checks as Record<string, { outcome: string }>,
      )
        .map(([k, v]) => `${k} ${v.outcome}`)
        .join(', ')}`,
    );

    const ready = await t.http
      .post(`/api/v1/applications/${app.id}/${A.MarkResultReady}`)
      .set('authorization', `Bearer ${officer}`)
      .send({ version: app.version });
    expect(ready.status).toBe(200);
    app = ready.body;
    step('Result ready (signature verified again from the stored bytes: K6 counts it)');

    // 6. The outbound shipment: created, announced to the carrier, handed to the post office.
    const outbound = await eventually(
      async () =>
        (
          await t.db.query(
            `SELECT id, tracking_code AS "trackingCode", carrier_state AS "carrierState" FROM postal_shipments WHERE application_id = $1 AND direction = 'outbound'`,
            [app.id],
          )
        ).rows[0],
      (s) => s?.carrierState === 'acknowledged',
      30_000,
    );
    step(
      `Outbound shipment ${outbound.trackingCode} announced to the carrier (stub) and acknowledged`,
    );
    await t.http
      .post(`/api/v1/postal/shipments/${outbound.id}/hand-over`)
      .set('authorization', `Bearer ${desk}`)
      .send({
        number: 'BBGN-KQ-HT',
        signedAt: new Date().toISOString(),
        signedBy: 'Ngô Văn Phát',
        version: 1,
      })
      .expect(200);
    const returned = await t.http
      .post(`/api/v1/applications/${app.id}/${A.ReturnResult}`)
      .set('authorization', `Bearer ${desk}`)
      .send({ version: app.version, deliveryChannel: 'postal' });
    expect(returned.status).toBe(200);
    expect(returned.body.status).toBe(S.ResultReturned);
    step(`Returned by post: ${outbound.trackingCode} handed over with BBGN-KQ-HT`);

    // 7. The portal converges: status 10 (result returned).
    const done = await eventually(
      () => Promise.resolve(portal.dossiers.get(app.code)),
      (d) => d?.TrangThaiHoSo === 10,
      30_000,
    );
    step(
      `DVCQG (stub): TrangThaiHoSo ${done?.TrangThaiHoSo}, NgayTra ${done?.NgayTra}; ${portal.progress.get(app.code)?.size ?? 0} progress rows`,
    );
  }, 120_000);
});
