import type { ApplicationView } from '@app/core';
import { WorkingCalendarService } from '@app/database';
import {
  ApplicationStatus as S,
  atLocalTime,
  computeDueAt,
  endOfOfficeHours,
  pausedDueAt,
  restartAfterSupplement,
  toLocalDate,
  TransitionAction as A,
  workingDayBefore,
} from '@app/domain';
import { startTestApp, TestApp } from '../setup/test-app';
import { closeTestApp, createDriver, DAY_MS, Driver, expectError } from './support/drive';

const LIMIT = { value: 5, unit: 'working_days' as const };

describe('supplement and apology deadlines', () => {
  let t: TestApp;
  let d: Driver;
  let admin: string;
  beforeAll(async () => {
    t = await startTestApp();
    d = await createDriver(t, { timeLimitValue: LIMIT.value });
    admin = await d.adminToken();
  });
  afterAll(() => closeTestApp(t));

  const calendar = async () => {
    const service = t.app.get(WorkingCalendarService);
    return { calendar: await service.current(), policy: service.deadlinePolicy() };
  };
  const act = async (action: A, app: ApplicationView, body?: Record<string, unknown>) => {
    const res = await d.act(
      action,
      app,
      admin,
      body && { ...(await d.bodyFor(action, app)), ...body },
    );
    expect(res.status).toBe(200);
    return res.body as ApplicationView;
  };
  const lastHistoryAt = async (id: string, action: A) =>
    (
      await t.db.query<{ at: Date }>(
        'SELECT at FROM application_history WHERE application_id = $1 AND action = $2 ORDER BY id DESC LIMIT 1',
        [id, action],
      )
    ).rows[0].at;

  /**
   * An application received at 08:00 on the working day before today, with the appointment
   * computed for that day: a supplement asked for now is inside the 3-working-day window.
   */
  async function receivedYesterday(): Promise<ApplicationView> {
    const app = await d.driveTo(S.Processing);
    const { calendar: cal } = await calendar();
    const receivedAt = atLocalTime(workingDayBefore(toLocalDate(new Date()), 1, cal), 8);
    const dueAt = computeDueAt({ receivedAt, limit: LIMIT, ...(await calendar()) });
    await t.db.query(
      'UPDATE applications SET received_at = $2, due_at = $3, original_due_at = $3 WHERE id = $1',
      [app.id, receivedAt, dueAt],
    );
    return {
      ...app,
      receivedAt: receivedAt.toISOString(),
      dueAt: dueAt.toISOString(),
      originalDueAt: dueAt.toISOString(),
    };
  }

  it('a completed supplement restarts the time limit; the original appointment stays', async () => {
    const app = await receivedYesterday();

    const requested = await act(A.RequestSupplement, app);
    expect(requested).toMatchObject({
      status: 'supplement_requested',
      supplementCount: 1,
      dueAt: app.dueAt,
      originalDueAt: app.originalDueAt,
      pausedDueAt: null,
    });
    const completed = await act(A.ReceiveSupplement, requested);

    const requestedAt = await lastHistoryAt(app.id, A.RequestSupplement);
    const completedAt = await lastHistoryAt(app.id, A.ReceiveSupplement);
    const cal = await calendar();
    const restarted = restartAfterSupplement({ completedAt, limit: LIMIT, ...cal });
    const paused = pausedDueAt({
      originalDueAt: new Date(app.originalDueAt!),
      requestedAt,
      completedAt,
      ...cal,
    });
    expect(completed).toMatchObject({
      status: 'processing',
      dueAt: restarted.toISOString(),
      originalDueAt: app.originalDueAt,
      pausedDueAt: paused.toISOString(),
      supplementCount: 1,
    });
    expect(Date.parse(completed.dueAt!)).toBeGreaterThan(Date.now());
    expect(completed.dueAt).not.toBe(app.dueAt);
    const supplements = await t.db.query(
      'SELECT items, reason, requested_at, completed_at FROM application_supplements WHERE application_id = $1',
      [app.id],
    );
    expect(supplements.rows).toEqual([
      {
        items: ['Bản sao chứng thực CCCD'],
        reason: 'Thiếu giấy tờ',
        requested_at: requestedAt,
        completed_at: completedAt,
      },
    ]);
    const event = await t.db.query(
      `SELECT payload FROM outbox_events WHERE aggregate_id = $1 AND type = 'application.supplement_received'`,
      [app.id],
    );
    expect(event.rows[0].payload).toMatchObject({
      dueAt: completed.dueAt,
      originalDueAt: app.originalDueAt,
      data: {
        previousDueAt: app.dueAt,
        dueAt: completed.dueAt,
        pausedDueAt: completed.pausedDueAt,
        clockRule: 'restart',
      },
    });
  });

  it('a second supplement request → 409 LIMIT_REACHED, nothing changed', async () => {
    const app = await d.driveTo(S.SupplementRequested);
    const back = await act(A.ReceiveSupplement, app);
    const before = await d.snapshot(app.id);

    const res = await d.act(A.RequestSupplement, back, admin);

    expectError(res, 409, 'LIMIT_REACHED');
    expect(res.body.current).toMatchObject({
      status: 'processing',
      version: back.version,
      supplementCount: 1,
    });
    expect(await d.snapshot(app.id)).toEqual(before);
  });

  it('an apology sets the new appointment, keeps the original and records the letter', async () => {
    const app = await d.driveTo(S.Processing);
    const { calendar: cal, policy } = await calendar();
    const tenDaysLater = cal.addWorkingDays(toLocalDate(new Date(app.dueAt!)), 10);
    const newDueAt = endOfOfficeHours(tenDaysLater, policy).toISOString();

    const res = await act(A.Apologize, app, { newDueAt, responsibleDepartmentId: d.departmentId });

    expect(res).toMatchObject({
      status: 'processing',
      dueAt: newDueAt,
      originalDueAt: app.originalDueAt,
      apologyCount: 1,
    });
    const letters = await t.db.query(
      `SELECT reason, previous_due_at, new_due_at, responsible_department_id
       FROM apologies WHERE application_id = $1`,
      [app.id],
    );
    expect(letters.rows).toEqual([
      {
        reason: 'Phải xin ý kiến cơ quan phối hợp',
        previous_due_at: new Date(app.dueAt!),
        new_due_at: new Date(newDueAt),
        responsible_department_id: d.departmentId,
      },
    ]);
  });

  it('a second apology → 409 LIMIT_REACHED, nothing changed', async () => {
    const app = await d.driveTo(S.Received);
    const once = await act(A.Apologize, app);
    const before = await d.snapshot(app.id);

    const res = await d.act(A.Apologize, once, admin);

    expectError(res, 409, 'LIMIT_REACHED');
    expect(res.body.current).toMatchObject({ apologyCount: 1, dueAt: once.dueAt });
    expect(await d.snapshot(app.id)).toEqual(before);
    expect(before.apologies).toBe(1);
  });

  it('an overdue application: the new date must be after now, not only after the old date', async () => {
    const app = await d.driveTo(S.Processing);
    const pastDue = new Date(Date.now() - 2 * DAY_MS);
    await t.db.query('UPDATE applications SET due_at = $2 WHERE id = $1', [app.id, pastDue]);
    const overdue = { ...app, dueAt: pastDue.toISOString() };
    const before = await d.snapshot(app.id);

    const between = await d.act(A.Apologize, overdue, admin, {
      ...(await d.bodyFor(A.Apologize, overdue)),
      newDueAt: new Date(Date.now() - DAY_MS).toISOString(),
    });
    expectError(between, 400, 'VALIDATION_FAILED', ['newDueAt']);
    expect(await d.snapshot(app.id)).toEqual(before);

    const { calendar: cal, policy } = await calendar();
    const nextDay = cal.nextWorkingDay(toLocalDate(new Date()));
    const tomorrow = endOfOfficeHours(nextDay, policy).toISOString();
    const ok = await act(A.Apologize, overdue, { newDueAt: tomorrow });
    expect(ok).toMatchObject({ dueAt: tomorrow, originalDueAt: app.originalDueAt });
  });

  it('originalDueAt never changes after reception, whatever happens next', async () => {
    const submitted = await d.driveTo(S.Submitted);
    let app = await act(A.Receive, submitted);
    const original = app.originalDueAt;
    expect(original).toEqual(expect.any(String));
    const seen: Array<string | null> = [];
    for (const action of [
      A.Start,
      A.RequestSupplement,
      A.ReceiveSupplement,
      A.Apologize,
      A.RequirePayment,
      A.ConfirmPayment,
      A.MarkResultReady,
      A.ReturnResult,
    ]) {
      app = await act(action, app);
      seen.push(app.originalDueAt);
    }
    expect(app.status).toBe('result_returned');
    expect(seen).toEqual(Array(seen.length).fill(original));
    const stored = await t.db.query('SELECT original_due_at FROM applications WHERE id = $1', [
      app.id,
    ]);
    expect(stored.rows[0].original_due_at.toISOString()).toBe(original);
  });
});
