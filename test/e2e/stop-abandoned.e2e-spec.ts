import type { ApplicationView } from '@app/core';
import { ApplicationStatus as S, Role, StopReason, TransitionAction as A } from '@app/domain';
import type { Response } from 'supertest';
import { readPdf } from '../../libs/documents/src/testing/read-pdf';
import { startTestApp, TestApp } from '../setup/test-app';
import {
  APPLICATIONS,
  applicantFor,
  closeTestApp,
  createDriver,
  Driver,
  expectError,
} from './support/drive';

function binary(res: Response, done: (err: Error | null, body: Buffer) => void): void {
  const stream = res as unknown as NodeJS.ReadableStream;
  const chunks: Buffer[] = [];
  stream.on('data', (c: Buffer) => chunks.push(c));
  stream.on('end', () => done(null, Buffer.concat(chunks)));
}

/** Issue 15 points 6 (stop notice) and 7 (an abandoned application can be stopped honestly). */
describe('stopping an abandoned application, and its stop notice', () => {
  let t: TestApp;
  let d: Driver;
  let head: string;
  let admin: string;
  beforeAll(async () => {
    t = await startTestApp({ ABANDONMENT_WORKING_DAYS: '15' });
    d = await createDriver(t);
    head = await t.tokenFor(Role.Head, d.departmentId);
    admin = await d.adminToken();
  });
  afterAll(() => closeTestApp(t));

  /** An organisation's dossier brought to `status` (processing, then the request). */
  async function organisationIn(action: A.RequestSupplement | A.RequirePayment) {
    const created = await d.intake(admin, {
      procedureCode: d.procedureCode,
      channel: 'direct',
      applicant: { ...applicantFor('Trường THPT Chuyên Lê Hồng Phong'), kind: 'organization' },
    });
    expect(created.status).toBe(201);
    let app = created.body as ApplicationView;
    for (const next of [A.Start, action]) {
      const res = await d.act(next, app, admin);
      expect(res.status).toBe(200);
      app = res.body as ApplicationView;
    }
    return app;
  }
  /** The applicant has been silent for `days` calendar days since the request. */
  const silentFor = (id: string, days: number) =>
    t.db.query(
      `UPDATE applications SET supplement_requested_at = supplement_requested_at - make_interval(days => $2),
         payment_requested_at = payment_requested_at - make_interval(days => $2) WHERE id = $1`,
      [id, days],
    );
  const stop = (app: ApplicationView, token: string, body: object = {}) =>
    d.act(A.Stop, app, token, { version: app.version, reason: 'Quá hạn bổ sung hồ sơ', ...body });

  it('waits the configured working days, then the head stops it as "supplement not provided" and the notice says so', async () => {
    const app = await organisationIn(A.RequestSupplement);
    // Still within the applicant's time: 409 with the state, nothing changes.
    const early = await stop(app, head);
    expectError(early, 409, 'ILLEGAL_TRANSITION', ['stopReason']);
    expect(early.body.current).toMatchObject({
      status: S.SupplementRequested,
      version: app.version,
    });
    expect(await d.snapshot(app.id)).toMatchObject({ status: S.SupplementRequested });

    await silentFor(app.id, 30);
    // Not an officer's decision.
    const officer = await t.tokenFor(Role.Officer, d.departmentId);
    expectError(await stop(app, officer), 403, 'FORBIDDEN');
    // Not another reason than the one the wait gives.
    expectError(
      await stop(app, head, { stopReason: StopReason.Rejected }),
      409,
      'ILLEGAL_TRANSITION',
      ['stopReason'],
    );

    const res = await stop(app, head);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      status: S.Stopped,
      portalStatusCode: 8,
      stopReason: StopReason.SupplementNotProvided,
    });
    const { rows } = await t.db.query<{ payload: Record<string, unknown> }>(
      `SELECT payload FROM application_history WHERE application_id = $1 AND action = 'stop'`,
      [app.id],
    );
    expect(rows[0].payload).toMatchObject({
      stopReason: StopReason.SupplementNotProvided,
      reason: 'Quá hạn bổ sung hồ sơ',
      departmentId: d.departmentId,
    });

    const pdf = await t.http
      .get(`${APPLICATIONS}/${app.code}/documents/stop-notice.pdf`)
      .set('authorization', `Bearer ${head}`)
      .buffer(true)
      .parse(binary);
    expect(pdf.status).toBe(200);
    expect(pdf.headers['content-disposition']).toBe(
      `inline; filename="${app.code}-stop-notice.pdf"`,
    );
    const read = await readPdf(pdf.body as Buffer);
    expect(read.flat).toContain('THÔNG BÁO DỪNG GIẢI QUYẾT HỒ SƠ');
    expect(read.flat).toContain('Mẫu số 05 – Thông tư 03/2025/TT-VPCP');
    expect(read.flat).toContain('Kính gửi: Trường THPT Chuyên Lê Hồng Phong');
    expect(read.flat).not.toContain('Ông/Bà Trường');
    expect(read.flat).toContain(`Mã hồ sơ: ${app.code}`);
    expect(read.flat).toContain(
      'Lý do: Người nộp hồ sơ không bổ sung, hoàn thiện hồ sơ theo yêu cầu.',
    );
    expect(read.flat).toContain('Cụ thể: Quá hạn bổ sung hồ sơ.');
  });

  it('stops an application whose fee was never paid, with that reason only', async () => {
    const app = await organisationIn(A.RequirePayment);
    expectError(await stop(app, head), 409, 'ILLEGAL_TRANSITION', ['stopReason']);
    await silentFor(app.id, 30);
    expectError(
      await stop(app, head, { stopReason: StopReason.SupplementNotProvided }),
      409,
      'ILLEGAL_TRANSITION',
      ['stopReason'],
    );
    const res = await stop(app, head, { stopReason: StopReason.PaymentNotProvided });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ stopReason: StopReason.PaymentNotProvided });
  });

  it('has no stop notice for an application that was not stopped', async () => {
    const app = await d.driveTo(S.Processing);
    const res = await t.http
      .get(`${APPLICATIONS}/${app.code}/documents/stop-notice.pdf`)
      .set('authorization', `Bearer ${head}`);
    expect(res.status).toBe(404);
    expect(res.body.message).toMatch(/no stop notice/);
  });

  it('offers the stop in availableActions only once the wait is over', async () => {
    const app = await organisationIn(A.RequestSupplement);
    const read = async () =>
      (await t.http.get(`${APPLICATIONS}/${app.id}`).set('authorization', `Bearer ${head}`))
        .body as ApplicationView;
    expect((await read()).availableActions).not.toContain(A.Stop);
    await silentFor(app.id, 30);
    expect((await read()).availableActions).toContain(A.Stop);
  });
});
