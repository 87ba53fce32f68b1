import type { ApplicationView } from '@app/core';
import { ApplicationStatus as S, Role, TransitionAction as A } from '@app/domain';
import { JobName, OUTBOX_ROUTES } from '@app/messaging';
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
  unchanged,
} from './support/drive';

function binary(res: Response, done: (err: Error | null, body: Buffer) => void): void {
  const stream = res as unknown as NodeJS.ReadableStream;
  const chunks: Buffer[] = [];
  stream.on('data', (c: Buffer) => chunks.push(c));
  stream.on('end', () => done(null, Buffer.concat(chunks)));
}

/** Spec §2: a walk-in turned away with Mẫu 02 is recorded as such, never as a submission. */
describe('incomplete at the desk (issue 15 point 6)', () => {
  let t: TestApp;
  let d: Driver;
  let desk: string;
  beforeAll(async () => {
    t = await startTestApp();
    d = await createDriver(t);
    desk = await t.tokenFor(Role.Reception);
  });
  afterAll(() => closeTestApp(t));

  const walkIn = (extra: object) =>
    d.intake(desk, {
      procedureCode: d.procedureCode,
      channel: 'direct',
      applicant: applicantFor('Lê Văn Khoa'),
      ...extra,
    });

  it('records the guidance, prints Mẫu 02 from the desk, stays outside K1, and can be received later', async () => {
    const res = await walkIn({
      status: S.IncompleteAtDesk,
      missingItems: ['Bản sao chứng thực giấy khai sinh', 'Ảnh 3x4'],
      guidanceReason: 'Hồ sơ chưa đủ thành phần theo quy định',
    });
    expect(res.status).toBe(201);
    let app = res.body as ApplicationView;
    expect(app).toMatchObject({
      status: S.IncompleteAtDesk,
      portalStatusCode: null,
      receivedAt: null,
      dueAt: null,
      originalDueAt: null,
    });
    expect(app.availableActions).toEqual(
      expect.arrayContaining([A.Receive, A.Refuse, A.RequestCompletion]),
    );
    expect(app.availableActions).not.toContain(A.Start);

    // Not received: the KPI consumer is never told, and K1's population (received_at) excludes it.
    const { rows: events } = await t.db.query<{ type: string }>(
      'SELECT type FROM outbox_events WHERE aggregate_id = $1',
      [app.id],
    );
    expect(events.map((e) => e.type)).toEqual(['application.completion_requested']);
    // Other consumers (the national portal sync, citizens' e-mails) may hear of it; the KPI one must not.
    const kpiTypes = OUTBOX_ROUTES.filter((r) => r.job === JobName.KpiApplyEvent).flatMap((r) => [
      ...r.types,
    ]);
    expect(kpiTypes).not.toContain('application.completion_requested');
    const { rows: history } = await t.db.query<{ action: string; payload: { items: string[] } }>(
      'SELECT action, payload FROM application_history WHERE application_id = $1',
      [app.id],
    );
    expect(history).toEqual([
      expect.objectContaining({
        action: A.RequestCompletion,
        payload: expect.objectContaining({
          items: ['Bản sao chứng thực giấy khai sinh', 'Ảnh 3x4'],
        }),
      }),
    ]);

    const pdf = await t.http
      .get(`${APPLICATIONS}/${app.code}/documents/supplement-request.pdf`)
      .set('authorization', `Bearer ${desk}`)
      .buffer(true)
      .parse(binary);
    expect(pdf.status).toBe(200);
    const read = await readPdf(pdf.body as Buffer);
    expect(read.flat).toContain('PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ');
    expect(read.flat).toContain('Bộ phận Một cửa');
    expect(read.flat).toContain('1. Bản sao chứng thực giấy khai sinh');
    expect(read.flat).toContain('2. Ảnh 3x4');
    expect(read.flat).toContain('Lý do: Hồ sơ chưa đủ thành phần theo quy định');

    // The applicant comes back with the full dossier: received now, the clock starts now.
    const received = await d.act(A.Receive, app, desk, { version: app.version });
    expect(received.status).toBe(200);
    app = received.body as ApplicationView;
    expect(app.status).toBe(S.Received);
    expect(app.receivedAt).not.toBeNull();
    expect(app.dueAt).not.toBeNull();
    expect(app.portalStatusCode).toBe(2);
  });

  it('guides an online submission found incomplete (1 → incomplete at the desk)', async () => {
    const submitted = await d.driveTo(S.Submitted);
    const res = await d.act(A.RequestCompletion, submitted, desk, {
      version: submitted.version,
      items: ['Bản scan đơn có chữ ký'],
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: S.IncompleteAtDesk, portalStatusCode: null });
    const officer = await t.tokenFor(Role.Officer, d.departmentId);
    const app = res.body as ApplicationView;
    expectError(
      await d.act(A.RequestCompletion, app, officer, { version: app.version, items: ['x'] }),
      403,
      'FORBIDDEN',
    );
  });

  it('refuses a walk-in record without the missing items, changing nothing', async () => {
    const res = await unchanged(t, () => walkIn({ status: S.IncompleteAtDesk }));
    expectError(res, 400, 'VALIDATION_FAILED', ['missingItems']);
    const empty = await unchanged(t, () =>
      walkIn({ status: S.IncompleteAtDesk, missingItems: [] }),
    );
    expectError(empty, 400, 'VALIDATION_FAILED', ['missingItems']);
  });
});
