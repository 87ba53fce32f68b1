import type { ApplicationView } from '@app/core';
import { DeadlineAlertService, DeadlineSweepService, FixedClock } from '@app/core';
import {
  ApplicationStatus as S,
  deadlineAlertTimes,
  DeadlineAlertKind,
  overdueByWorkingDaysAt,
  Role,
  TransitionAction as A,
} from '@app/domain';
import { WorkingCalendarService } from '@app/database';
import { JobName, QueueName } from '@app/messaging';
import request from 'supertest';
import { createDriver, Driver } from '../e2e/support/drive';
import { startTestApp, TestApp } from '../setup/test-app';
import {
  dropQueues,
  eventually,
  queueFor,
  startWorkerOn,
  testQueuePrefix,
  WorkerOnDatabase,
} from '../setup/test-events';

const KINDS: readonly DeadlineAlertKind[] = ['due_soon', 'due_now', 'overdue'];

/**
 * Issue 15, points 3 and 11: escalations are keyed by the due date they are about, so a moved
 * date (apology, restart) gets its own reminders; with PAYMENT_PAUSES_CLOCK on, an application
 * waiting for a payment gets no reminder, and the date it has after the payment gets its own.
 */
describe('escalations per due date, and the payment pause', () => {
  let t: TestApp;
  let worker: WorkerOnDatabase;
  let d: Driver;
  let admin: string;
  const clock = new FixedClock(new Date());
  const prefix = testQueuePrefix();
  // Reminders as delayed jobs: this drill fires them one by one (the sweep has its own).
  const env = { QUEUE_PREFIX: prefix, PAYMENT_PAUSES_CLOCK: 'true', DEADLINE_REMINDERS: 'jobs' };

  beforeAll(async () => {
    t = await startTestApp(env);
    worker = await startWorkerOn(
      t.config.database.url,
      { ...env, DATABASE_POOL_SIZE: '3' },
      { clock },
    );
    await worker.app.getHttpAdapter().getInstance().ready(); // serves /metrics
    d = await createDriver(t, { timeLimitValue: 3 });
    admin = await d.adminToken();
    await t.factory.user({ role: Role.Head, departmentId: d.departmentId });
    await t.factory.user({ role: Role.Director, departmentId: null });
  });
  afterAll(async () => {
    await worker?.close();
    await dropQueues(prefix, Object.values(QueueName));
    await t?.close();
  });

  const timesOf = async (dueAt: Date) => {
    const calendars = worker.app.get(WorkingCalendarService);
    return deadlineAlertTimes(dueAt, await calendars.current(), calendars.deadlinePolicy());
  };
  /** Fires each reminder of `dueAt` at its own time; returns the outcomes. */
  const fireAll = async (applicationId: string, dueAt: Date) => {
    const alerts = worker.app.get(DeadlineAlertService);
    const times = await timesOf(dueAt);
    const outcomes: string[] = [];
    for (const kind of KINDS) {
      clock.set(times[kind]);
      outcomes.push(await alerts.raise(kind, { applicationId, dueAt: dueAt.toISOString() }));
    }
    return outcomes;
  };
  const escalations = async (applicationId: string) =>
    (
      await t.db.query<{ level: number; due_at: Date }>(
        `SELECT level, due_at FROM escalations WHERE application_id = $1 ORDER BY due_at, level`,
        [applicationId],
      )
    ).rows.map((r) => `${r.level}@${r.due_at.toISOString()}`);
  const act = async (action: A, app: ApplicationView) => {
    const res = await d.act(action, app, admin);
    expect(res.status).toBe(200);
    return res.body as ApplicationView;
  };

  it('an apology moves the date: levels 1–4 fire again for the new date, once each', async () => {
    clock.set(new Date());
    let app = await d.driveTo(S.Processing);
    const first = new Date(app.dueAt!);
    expect(await fireAll(app.id, first)).toEqual(['raised', 'raised', 'raised']);
    expect(await fireAll(app.id, first)).toEqual([
      'already_raised',
      'already_raised',
      'already_raised',
    ]);

    app = await act(A.Apologize, app);
    const second = new Date(app.dueAt!);
    expect(second.getTime()).toBeGreaterThan(first.getTime());
    // The old date's jobs do nothing now; the new date has reminders of its own.
    expect(await fireAll(app.id, first)).toEqual([
      'not_applicable',
      'not_applicable',
      'not_applicable',
    ]);
    expect(await fireAll(app.id, second)).toEqual(['raised', 'raised', 'raised']);
    const calendar = await worker.app.get(WorkingCalendarService).current();
    clock.set(overdueByWorkingDaysAt(second, 2, calendar));
    await worker.app.get(DeadlineSweepService).sweep();
    expect(await escalations(app.id)).toEqual([
      `1@${first.toISOString()}`,
      `2@${first.toISOString()}`,
      `3@${first.toISOString()}`,
      `1@${second.toISOString()}`,
      `2@${second.toISOString()}`,
      `3@${second.toISOString()}`,
      `4@${second.toISOString()}`,
    ]);
    // The key itself: a second row for the same (application, level, due date) is refused.
    await expect(
      t.db.query(
        `INSERT INTO escalations (application_id, level, due_at, raised_at, recipients)
         VALUES ($1, 1, $2, now(), '[]')`,
        [app.id, second],
      ),
    ).rejects.toThrow(/escalations_application_level_due/);
  });

  it('waiting for a payment: no reminder, no sweep; after it, the new date is scheduled', async () => {
    // The worker's clock back to now, so the jobs it schedules wait for their real time.
    clock.set(new Date());
    let app = await d.driveTo(S.PaymentRequired);
    const dueAt = new Date(app.dueAt!);
    expect(await fireAll(app.id, dueAt)).toEqual([
      'not_applicable',
      'not_applicable',
      'not_applicable',
    ]);
    const sweep = await worker.app.get(DeadlineSweepService).sweep();
    expect(sweep.ran).toBe(true);
    expect(await escalations(app.id)).toEqual([]);

    // Confirmed (on the API's real clock): the date moves by the wait and gets new jobs.
    clock.set(new Date());
    app = await act(A.ConfirmPayment, app);
    const moved = new Date(app.dueAt!);
    expect(moved.getTime()).toBeGreaterThanOrEqual(dueAt.getTime());
    const queue = queueFor(prefix, QueueName.Deadlines);
    try {
      for (const kind of KINDS) {
        const job = await eventually(
          () => queue.getJob(`${app.id}-${moved.getTime()}-${kind}`),
          (j) => Boolean(j),
        );
        expect(job!.data).toEqual({ applicationId: app.id, dueAt: moved.toISOString() });
      }
    } finally {
      await queue.close();
    }
    expect(await fireAll(app.id, moved)).toEqual(['raised', 'raised', 'raised']);
  });

  it('bad data stops a job for good and raises the alarm; the sweep reports it and goes on', async () => {
    clock.set(new Date());
    const broken = await d.driveTo(S.Processing);
    const healthy = await d.driveTo(S.Processing);
    await t.db.query('UPDATE applications SET due_at = NULL WHERE id = $1', [broken.id]);
    const queue = queueFor(prefix, QueueName.Deadlines);
    try {
      const jobId = `${broken.id}-bad-data`;
      await queue.add(
        JobName.DeadlineOverdue,
        { applicationId: broken.id, dueAt: broken.dueAt },
        { jobId, attempts: 5 },
      );
      const failed = await eventually(
        async () => {
          const job = await queue.getJob(jobId);
          return {
            state: await job?.getState(),
            attempts: job?.attemptsMade,
            reason: job?.failedReason,
          };
        },
        (j) => j.state === 'failed',
      );
      // Failed at once (no retries: it can never succeed), saying why.
      expect(failed.attempts).toBe(1);
      expect(failed.reason).toContain('has no due date');
    } finally {
      await queue.close();
    }
    // The sweep names it and still reminds the others.
    const due = new Date(healthy.dueAt!);
    clock.set((await timesOf(due)).overdue);
    const sweep = await worker.app.get(DeadlineSweepService).sweep();
    expect(sweep.raised).toBeGreaterThanOrEqual(3);
    expect(await escalations(healthy.id)).toContain(`3@${due.toISOString()}`);
    const metrics = await request(worker.app.getHttpServer()).get('/metrics');
    expect(metrics.text).toContain(
      'motcua_deadline_jobs_unrecoverable_total{job="deadlines.overdue"} 1',
    );
    expect(metrics.text).toMatch(
      /motcua_deadline_jobs_unrecoverable_total\{job="deadline-sweep"\} [1-9]/,
    );
  });
});
