import type { ApplicationView } from '@app/core';
import { ApplicationStatus as S, Role, TransitionAction as A } from '@app/domain';
import { startTestApp, TestApp } from '../setup/test-app';
import { closeTestApp, createDriver, Driver, expectError, unchanged } from './support/drive';

/** Issue 15, point 10: the record of an application is complete and append-only. */
describe('a complete, append-only record', () => {
  let t: TestApp;
  let d: Driver;
  let admin: string;

  beforeAll(async () => {
    t = await startTestApp();
    d = await createDriver(t);
    admin = await d.adminToken();
  });
  afterAll(() => closeTestApp(t));

  it('refuses to rewrite, delete or empty the record tables', async () => {
    let app = await d.driveTo(S.SupplementRequested);
    app = (await d.act(A.ReceiveSupplement, app, admin)).body as ApplicationView;
    await d.act(A.HandOver, app, admin);
    for (const table of [
      'application_history',
      'application_supplements',
      'application_steps',
      'apologies',
      'application_step_extensions',
    ]) {
      await expect(t.db.query(`TRUNCATE ${table} CASCADE`)).rejects.toThrow(
        /append-only: TRUNCATE refused/,
      );
    }
    // Row triggers: the tables that hold rows of this application.
    for (const table of ['application_history', 'application_supplements', 'application_steps']) {
      await expect(t.db.query(`DELETE FROM ${table}`)).rejects.toThrow(
        /append-only: DELETE refused/,
      );
    }
    await expect(
      t.db.query(`UPDATE application_history SET note = 'sửa' WHERE application_id = $1`, [app.id]),
    ).rejects.toThrow(/append-only: UPDATE refused/);
    await expect(
      t.db.query(
        `UPDATE application_supplements SET received_items = '["khác"]' WHERE application_id = $1`,
        [app.id],
      ),
    ).rejects.toThrow(/received_items is recorded once/);
    await expect(
      t.db.query(`UPDATE application_steps SET due_at = now() WHERE application_id = $1`, [app.id]),
    ).rejects.toThrow(/append-only: UPDATE refused/);
    // An apology and a step's extension, once written, are never edited nor removed either
    // (a correction is a new row). Written here directly: only their triggers are under test.
    const apology = await t.db.query<{ id: string }>(
      `INSERT INTO apologies (application_id, reason, previous_due_at, new_due_at, responsible_department_id, issued_at)
       SELECT id, 'Chậm do xác minh', due_at, due_at + interval '2 days', department_id, now()
       FROM applications WHERE id = $1 RETURNING id`,
      [app.id],
    );
    const extension = await t.db.query<{ id: string }>(
      `INSERT INTO application_step_extensions (application_id, seq, paused_from, paused_to, due_at, recorded_at)
       SELECT application_id, seq, now(), now(), due_at + interval '1 day', now()
       FROM application_steps WHERE application_id = $1 ORDER BY seq LIMIT 1 RETURNING id`,
      [app.id],
    );
    expect(apology.rows).toHaveLength(1);
    expect(extension.rows).toHaveLength(1);
    await expect(
      t.db.query(`UPDATE apologies SET new_due_at = new_due_at + interval '1 day' WHERE id = $1`, [
        apology.rows[0].id,
      ]),
    ).rejects.toThrow(/append-only: UPDATE refused/);
    await expect(
      t.db.query(`DELETE FROM apologies WHERE id = $1`, [apology.rows[0].id]),
    ).rejects.toThrow(/append-only: DELETE refused/);
    await expect(
      t.db.query(`UPDATE application_step_extensions SET due_at = now() WHERE id = $1`, [
        extension.rows[0].id,
      ]),
    ).rejects.toThrow(/append-only: UPDATE refused/);
    await expect(
      t.db.query(`DELETE FROM application_step_extensions WHERE id = $1`, [extension.rows[0].id]),
    ).rejects.toThrow(/append-only: DELETE refused/);
    await expect(
      t.db.query(
        `INSERT INTO application_history (application_id, at, action, to_status) VALUES ($1, now(), 'note', 'processing')`,
        [app.id],
      ),
    ).rejects.toThrow(/null value in column "actor_role"/);
    // Only the applicant on the portal acts without a user account.
    await expect(
      t.db.query(
        `INSERT INTO application_history (application_id, at, actor_role, action, to_status)
         VALUES ($1, now(), 'officer', 'note', 'processing')`,
        [app.id],
      ),
    ).rejects.toThrow(/application_history_actor/);
  });

  it('a received supplement records its items, a payment request its amount, a withdrawal its reason', async () => {
    let app = await d.driveTo(S.SupplementRequested);
    let res = await unchanged(t, () =>
      d.act(A.ReceiveSupplement, app, admin, { version: app.version }),
    );
    expectError(res, 400, 'VALIDATION_FAILED', ['items']);
    res = await d.act(A.ReceiveSupplement, app, admin, {
      version: app.version,
      items: ['Bản sao chứng thực CCCD', 'Giấy khai sinh'],
    });
    expect(res.status).toBe(200);
    app = res.body as ApplicationView;
    const supplement = await t.db.query(
      `SELECT received_items AS items, completed_by IS NOT NULL AS "by" FROM application_supplements
       WHERE application_id = $1`,
      [app.id],
    );
    expect(supplement.rows).toEqual([
      { items: ['Bản sao chứng thực CCCD', 'Giấy khai sinh'], by: true },
    ]);

    res = await unchanged(t, () => d.act(A.RequirePayment, app, admin, { version: app.version }));
    expectError(res, 400, 'VALIDATION_FAILED', ['amountVnd']);
    res = await d.act(A.RequirePayment, app, admin, { version: app.version, amountVnd: 150000 });
    expect(res.status).toBe(200);
    const payment = await t.db.query(
      `SELECT payload->'amountVnd' AS amount, actor_id IS NOT NULL AS actor, actor_role AS role
       FROM application_history WHERE application_id = $1 AND action = 'require-payment'`,
      [app.id],
    );
    expect(payment.rows).toEqual([{ amount: 150000, actor: true, role: 'admin' }]);

    const other = await d.driveTo(S.Received);
    res = await unchanged(t, () =>
      d.act(A.RequestWithdrawal, other, admin, { version: other.version, reason: '  ' }),
    );
    expectError(res, 400, 'VALIDATION_FAILED', ['reason']);
  });

  it('a stop "withdrawn" needs a withdrawal request first', async () => {
    const app = await d.driveTo(S.Processing);
    const res = await unchanged(t, () =>
      d.act(A.Stop, app, admin, {
        version: app.version,
        stopReason: 'withdrawn',
        reason: 'Rút hồ sơ',
      }),
    );
    expectError(res, 409, 'ILLEGAL_TRANSITION', ['stopReason']);
    expect(res.body.details[0].reason).toMatch(/no withdrawal request/);
  });

  it('the receiving department acknowledges its step, once', async () => {
    let app = await d.driveTo(S.Processing);
    const b = await d.otherDepartmentId();
    app = (await d.act(A.HandOver, app, admin)).body as ApplicationView;
    const ack = (token: string) =>
      t.http
        .post(`/api/v1/applications/${app.id}/steps/1/acknowledge`)
        .set('authorization', `Bearer ${token}`)
        .send({});
    expectError(await ack(await t.tokenFor(Role.Officer, d.departmentId)), 403, 'FORBIDDEN');
    const officerB = await t.tokenFor(Role.Officer, b);
    let res = await ack(officerB);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      seq: 1,
      toDepartmentId: b,
      acknowledgedAt: expect.any(String),
    });
    res = await ack(officerB);
    expect(res.status).toBe(409);
    res = await t.http
      .post(`/api/v1/applications/${app.id}/steps/7/acknowledge`)
      .set('authorization', `Bearer ${officerB}`)
      .send({});
    expect(res.status).toBe(404);
    const steps = await t.http
      .get(`/api/v1/applications/${app.id}/steps`)
      .set('authorization', `Bearer ${officerB}`);
    expect(steps.status).toBe(200);
    expect(
      (steps.body as Array<{ seq: number; acknowledgedBy: string | null }>).map((s) => [
        s.seq,
        s.acknowledgedBy !== null,
      ]),
    ).toEqual([
      [0, false],
      [1, true],
    ]);
  });
});
