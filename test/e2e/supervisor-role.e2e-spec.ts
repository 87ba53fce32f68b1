import type { ApplicationView } from '@app/core';
import { ApplicationStatus as S, LIFECYCLE, Role, toLocalDate } from '@app/domain';
import { startTestApp, TestApp } from '../setup/test-app';
import {
  APPLICATIONS,
  closeTestApp,
  createDriver,
  Driver,
  expectError,
  tableCounts,
} from './support/drive';

/**
 * The supervising office (domain spec section 1): reads applications, escalations and metrics
 * of every department, and changes nothing.
 */
describe('the supervisor role (supervising office, read-only)', () => {
  let t: TestApp;
  let d: Driver;
  let supervisor: string;
  const auth = () => ({ authorization: `Bearer ${supervisor}` });

  beforeAll(async () => {
    t = await startTestApp();
    d = await createDriver(t);
    supervisor = await t.tokenFor(Role.Supervisor);
  });
  afterAll(() => closeTestApp(t));

  it('lists and reads applications of every department, with no action offered', async () => {
    const mine = await d.driveTo(S.Processing);
    const theirs = await (await createDriver(t)).driveTo(S.Received);
    const list = await t.http.get(APPLICATIONS).query({ limit: 200 }).set(auth());
    expect(list.status).toBe(200);
    const items = list.body.items as ApplicationView[];
    expect(items.map((a) => a.id)).toEqual(expect.arrayContaining([mine.id, theirs.id]));
    expect(items.every((a) => a.availableActions?.length === 0)).toBe(true);
    const one = await t.http.get(`${APPLICATIONS}/${mine.code}`).set(auth());
    expect(one.status).toBe(200);
    expect(one.body).toMatchObject({ id: mine.id, availableActions: [] });
  });

  // applications-authorization.e2e-spec.ts covers the role × action matrix (with this role);
  // here: refused as read-only before any rule is looked at.
  it.each(LIFECYCLE.map((rule) => ({ action: rule.action, from: rule.from[0] })))(
    'may not $action (from $from) → 403 read-only, nothing changed',
    async ({ action, from }) => {
      const app = await d.driveTo(from);
      const before = await d.snapshot(app.id);
      const res = await d.act(action, app, supervisor);
      expectError(res, 403, 'FORBIDDEN');
      expect(res.body.message).toMatch(/read-only/);
      expect(await d.snapshot(app.id)).toEqual(before);
    },
  );

  it('may not log an application nor manage accounts', async () => {
    const before = await tableCounts(t);
    expectError(await d.intake(supervisor), 403, 'FORBIDDEN');
    expect(await tableCounts(t)).toEqual(before);
    const res = await t.http
      .post('/api/v1/users')
      .set(auth())
      .send({ username: 'x_giamsat', password: 'mat-khau-123', fullName: 'X', role: 'officer' });
    expectError(res, 403, 'FORBIDDEN');
  });

  it('sees every escalation, and the province-wide metrics and reports', async () => {
    const app = await d.driveTo(S.Processing);
    await t.db.query(
      `INSERT INTO escalations (application_id, level, raised_at, recipients, due_at)
       SELECT id, 3, now(), '[]'::jsonb, due_at FROM applications WHERE id = $1`,
      [app.id],
    );
    const escalations = await t.http.get('/api/v1/escalations').set(auth());
    expect(escalations.status).toBe(200);
    expect(escalations.body.map((e: { applicationId: string }) => e.applicationId)).toContain(
      app.id,
    );
    const today = toLocalDate(new Date());
    const summary = await t.http
      .get(`/api/v1/metrics/summary?from=${today}&to=${today}`)
      .set(auth());
    expect(summary.status).toBe(200);
    const book = await t.http
      .get(`/api/v1/reports/tracking-book.xlsx?from=${today}&to=${today}`)
      .set(auth());
    expect(book.status).toBe(200);
    // The dashboard's live stream too: a ticket is issued to the supervisor.
    const ticket = await t.http.post('/api/v1/metrics/stream-tickets').set(auth());
    expect(ticket.status).toBe(201);
    expect(typeof ticket.body.ticket).toBe('string');
  });

  it('is an account the administrator can create, with no department', async () => {
    const res = await t.http
      .post('/api/v1/users')
      .set({ authorization: `Bearer ${await t.tokenFor(Role.Admin)}` })
      .send({
        username: 'thanhtra_tinh',
        password: 'mat-khau-giam-sat',
        fullName: 'Đặng Quốc Bảo',
        email: 'thanhtra@example.vn',
        role: 'supervisor',
      });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ role: 'supervisor', departmentId: null });
    await t.http
      .post('/api/v1/auth/login')
      .send({ username: 'thanhtra_tinh', password: 'mat-khau-giam-sat' })
      .expect(200);
  });
});
