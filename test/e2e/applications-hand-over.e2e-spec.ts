import { randomUUID } from 'node:crypto';
import type { ApplicationView } from '@app/core';
import { ApplicationStepsService } from '@app/core';
import { ApplicationStatus as S, Role, TransitionAction as A } from '@app/domain';
import { startTestApp, TestApp } from '../setup/test-app';
import { closeTestApp, createDriver, Driver, expectError, unchanged } from './support/drive';

/** Liên thông (domain spec section 2): steps between departments, each with its own budget. */
describe('hand-over between departments (liên thông)', () => {
  let t: TestApp;
  let d: Driver;
  let a: string;
  let b: string;

  beforeAll(async () => {
    t = await startTestApp();
    d = await createDriver(t);
    a = d.departmentId;
    b = (await t.factory.department()).id;
  });
  afterAll(() => closeTestApp(t));

  const headOf = (departmentId: string) => t.tokenFor(Role.Head, departmentId);
  const handOver = (app: ApplicationView, token: string, body: object) =>
    d.act(A.HandOver, app, token, { version: app.version, ...body });
  const steps = async (id: string) =>
    (
      await t.db.query<{ seq: number; from: string; to: string; outcome: string | null }>(
        `SELECT seq, from_department_id AS "from", to_department_id AS "to", outcome
         FROM application_steps WHERE application_id = $1 ORDER BY seq`,
        [id],
      )
    ).rows;
  /**
   * Simulates time passing: the open step's due date moves `days` into the past. Steps are
   * append-only, so the test edits the row with its triggers off (replica role, this
   * transaction only).
   */
  const overrun = async (id: string, days: number) => {
    const client = await t.db.connect();
    try {
      await client.query('BEGIN');
      await client.query('SET LOCAL session_replication_role = replica');
      await client.query(
        `UPDATE application_steps SET due_at = now() - make_interval(days => $2)
         WHERE application_id = $1 AND completed_at IS NULL`,
        [id, days],
      );
      await client.query('COMMIT');
    } finally {
      client.release();
    }
  };
  const leadStep = (to: string) => ({
    seq: 0,
    from: null,
    to,
    outcome: expect.stringMatching(/^(early|on_time)$/) as unknown as string,
  });
  const responsible = (id: string) =>
    t.app.get(ApplicationStepsService).responsibleDepartmentFor(id);

  it('A→B→A with B late: B is named, and is the default responsible department of an apology', async () => {
    let app = await d.driveTo(S.Processing);
    expect(await responsible(app.id)).toBe(a);

    let res = await handOver(app, await headOf(a), { toDepartmentId: b, budgetWorkingDays: 2 });
    expect(res.status).toBe(200);
    app = res.body as ApplicationView;
    expect(app.status).toBe(S.Processing);
    // The lead's own time from the reception to the hand-over is step 0.
    expect(await steps(app.id)).toEqual([leadStep(a), { seq: 1, from: a, to: b, outcome: null }]);
    expect(await responsible(app.id)).toBe(b);

    // Only the holding department sends it on: A's head no longer may.
    res = await handOver(app, await headOf(a), { toDepartmentId: a, budgetWorkingDays: 1 });
    expectError(res, 403, 'FORBIDDEN');

    await overrun(app.id, 3);
    res = await handOver(app, await headOf(b), {
      toDepartmentId: a,
      budgetWorkingDays: 1,
      note: 'Đã có ý kiến',
    });
    expect(res.status).toBe(200);
    app = res.body as ApplicationView;
    expect(await steps(app.id)).toEqual([
      leadStep(a),
      { seq: 1, from: a, to: b, outcome: 'late' },
      { seq: 2, from: b, to: a, outcome: null },
    ]);
    expect(await responsible(app.id)).toBe(b);

    // History and outbox rows written with each hand-over, in the same transaction.
    const history = await t.db.query<{ payload: Record<string, unknown>; note: string | null }>(
      `SELECT payload, note FROM application_history
       WHERE application_id = $1 AND action = 'hand-over' ORDER BY id`,
      [app.id],
    );
    expect(history.rows.map((h) => h.payload)).toEqual([
      expect.objectContaining({
        seq: 1,
        fromDepartmentId: a,
        toDepartmentId: b,
        closedStep: expect.objectContaining({ seq: 0, departmentId: a }),
      }),
      expect.objectContaining({
        seq: 2,
        fromDepartmentId: b,
        toDepartmentId: a,
        closedStep: expect.objectContaining({ seq: 1, outcome: 'late', departmentId: b }),
      }),
    ]);
    expect(history.rows[1].note).toBe('Đã có ý kiến');
    const outbox = await t.db.query<{ payload: { data: Record<string, unknown> } }>(
      `SELECT payload FROM outbox_events
       WHERE aggregate_id = $1 AND type = 'application.handed_over' ORDER BY occurred_at, id`,
      [app.id],
    );
    expect(outbox.rows.map((o) => o.payload.data.toDepartmentId)).toEqual([b, a]);

    const admin = await d.adminToken();
    const { newDueAt } = await d.bodyFor(A.Apologize, app);
    res = await d.act(A.Apologize, app, admin, {
      version: app.version,
      reason: 'Cơ quan phối hợp xử lý quá hạn',
      newDueAt,
    });
    expect(res.status).toBe(200);
    const apology = await t.db.query<{ departmentId: string }>(
      `SELECT responsible_department_id AS "departmentId" FROM apologies WHERE application_id = $1`,
      [app.id],
    );
    expect(apology.rows).toEqual([{ departmentId: b }]);
  });

  it('A→B→A all on time: the holding department is named', async () => {
    let app = await d.driveTo(S.Received);
    const admin = await d.adminToken();
    let res = await handOver(app, admin, { toDepartmentId: b, budgetWorkingDays: 3 });
    app = res.body as ApplicationView;
    res = await handOver(app, admin, { toDepartmentId: a, budgetWorkingDays: 3 });
    expect(res.status).toBe(200);
    const outcomes = (await steps(app.id)).map((s) => s.outcome);
    expect(outcomes).toEqual([
      expect.stringMatching(/^(early|on_time)$/),
      expect.stringMatching(/^(early|on_time)$/),
      null,
    ]);
    expect(await responsible(app.id)).toBe(a);
  });

  it('refuses bad input and changes nothing', async () => {
    const app = await d.driveTo(S.Processing);
    const admin = await d.adminToken();
    const stepRows = () => steps(app.id);

    let res = await unchanged(t, () =>
      handOver(app, admin, { toDepartmentId: randomUUID(), budgetWorkingDays: 2 }),
    );
    expectError(res, 400, 'VALIDATION_FAILED', ['toDepartmentId']);

    res = await unchanged(t, () =>
      handOver(app, admin, { toDepartmentId: a, budgetWorkingDays: 2 }),
    );
    expectError(res, 400, 'VALIDATION_FAILED', ['toDepartmentId']);

    res = await unchanged(t, () =>
      handOver(app, admin, { toDepartmentId: b, budgetWorkingDays: -1 }),
    );
    expectError(res, 400, 'VALIDATION_FAILED', ['budgetWorkingDays']);

    res = await unchanged(t, () =>
      d.act(A.HandOver, app, admin, {
        version: app.version - 1,
        toDepartmentId: b,
        budgetWorkingDays: 2,
      }),
    );
    expectError(res, 409, 'STALE_VERSION');

    // The sender no longer sets any budget: not beyond the time left on a 5-day procedure.
    res = await unchanged(t, () =>
      handOver(app, admin, { toDepartmentId: b, budgetWorkingDays: 30 }),
    );
    expectError(res, 400, 'VALIDATION_FAILED', ['budgetWorkingDays']);
    expect(res.body.message).toMatch(/left before the appointment/);
    expect(await stepRows()).toEqual([]);
  });

  it('budgets come from the internal process, and the open step closes with the result', async () => {
    let app = await d.driveTo(S.Processing);
    const admin = await d.adminToken();
    const procedureId = (
      await t.db.query<{ id: string }>(
        `SELECT procedure_id AS id FROM applications WHERE id = $1`,
        [app.id],
      )
    ).rows[0].id;
    await t.db.query(
      `INSERT INTO procedure_step_budgets (procedure_id, department_id, working_days) VALUES ($1, $2, 1)`,
      [procedureId, b],
    );
    let res = await unchanged(t, () =>
      handOver(app, admin, { toDepartmentId: b, budgetWorkingDays: 2 }),
    );
    expectError(res, 400, 'VALIDATION_FAILED', ['budgetWorkingDays']);
    expect(res.body.message).toMatch(/internal process gives this step/);

    res = await handOver(app, admin, { toDepartmentId: b });
    expect(res.status).toBe(200);
    app = res.body as ApplicationView;
    const opened = await t.db.query(
      `SELECT budget_working_days AS days, budget_source AS source FROM application_steps
       WHERE application_id = $1 AND seq = 1`,
      [app.id],
    );
    expect(opened.rows).toEqual([{ days: 1, source: 'process' }]);

    res = await d.act(A.MarkResultReady, app, admin, { version: app.version });
    expect(res.status).toBe(200);
    const closed = await t.db.query(
      `SELECT seq, ending, outcome, completed_at IS NOT NULL AS done FROM application_steps
       WHERE application_id = $1 ORDER BY seq`,
      [app.id],
    );
    expect(closed.rows).toEqual([
      { seq: 0, ending: 'handed_over', outcome: expect.any(String), done: true },
      { seq: 1, ending: 'result_ready', outcome: expect.any(String), done: true },
    ]);
  });
});
