import {
  DEADLINES_CONSUMER,
  DeadlineAlertService,
  DeadlineSweepService,
  FixedClock,
} from '@app/core';
import { deadlineAlertTimes } from '@app/domain';
import { WorkingCalendarService } from '@app/database';
import { QueueName } from '@app/messaging';
import { startTestApp, TestApp } from '../setup/test-app';
import {
  count,
  dropQueues,
  eventually,
  intakeMany,
  startWorkerOn,
  testQueuePrefix,
  WorkerOnDatabase,
} from '../setup/test-events';

describe('drill: an injected clock moved across a deadline', () => {
  let t: TestApp;
  let worker: WorkerOnDatabase;
  const clock = new FixedClock(new Date());
  const prefix = testQueuePrefix();

  beforeAll(async () => {
    t = await startTestApp();
    worker = await startWorkerOn(
      t.config.database.url,
      { DATABASE_POOL_SIZE: '3', QUEUE_PREFIX: prefix, DEADLINE_REMINDERS: 'jobs' },
      { clock },
    );
  });
  afterAll(async () => {
    await worker?.close();
    await dropQueues(prefix, Object.values(QueueName));
    await t?.close();
  });

  const alerts = async () =>
    (await t.db.query(`SELECT kind, source FROM deadline_alerts ORDER BY raised_at, id`)).rows;

  it('raises due soon, due now and overdue in order, once each; stale jobs do nothing', async () => {
    const procedureCode = (await t.factory.procedure({ timeLimitValue: 3 })).code;
    const { ids } = await intakeMany(t, procedureCode, 1);
    // Let the worker schedule the reminder jobs first: scheduled after the clock has moved
    // past the deadline, they would be due at once and race the calls below.
    await eventually(
      () =>
        count(t, `SELECT count(*) AS n FROM consumed_events WHERE consumer = $1`, [
          DEADLINES_CONSUMER,
        ]),
      (n) => n === 1,
    );
    const { rows } = await t.db.query(`SELECT due_at FROM applications WHERE id = $1`, [ids[0]]);
    const dueAt: Date = rows[0].due_at;
    const job = { applicationId: ids[0], dueAt: dueAt.toISOString() };
    const calendars = worker.app.get(WorkingCalendarService);
    const times = deadlineAlertTimes(dueAt, await calendars.current(), calendars.deadlinePolicy());
    const service = worker.app.get(DeadlineAlertService);
    const fireAll = async () => {
      const out = [];
      for (const kind of ['due_soon', 'due_now', 'overdue'] as const) {
        out.push(await service.raise(kind, job));
      }
      return out;
    };

    clock.set(new Date(times.due_soon.getTime() - 60_000));
    expect(await fireAll()).toEqual(['not_yet', 'not_yet', 'not_yet']);
    clock.set(times.due_soon);
    expect(await fireAll()).toEqual(['raised', 'not_yet', 'not_yet']);
    clock.set(dueAt);
    expect(await fireAll()).toEqual(['already_raised', 'raised', 'not_yet']);
    clock.set(new Date(dueAt.getTime() + 60_000));
    expect(await fireAll()).toEqual(['already_raised', 'already_raised', 'raised']);
    expect(await fireAll()).toEqual(['already_raised', 'already_raised', 'already_raised']);
    expect(await alerts()).toEqual([
      { kind: 'due_soon', source: 'job' },
      { kind: 'due_now', source: 'job' },
      { kind: 'overdue', source: 'job' },
    ]);

    // A job for a due date that has since changed (e.g. an apology) does nothing.
    const stale = {
      applicationId: ids[0],
      dueAt: new Date(dueAt.getTime() - 86_400_000).toISOString(),
    };
    expect(await service.raise('overdue', stale)).toBe('not_applicable');
  });

  it('the sweep raises what the delayed jobs missed, once', async () => {
    await t.db.query(`DELETE FROM deadline_alerts`);
    const { rows } = await t.db.query(`SELECT due_at FROM applications LIMIT 1`);
    clock.set(new Date(rows[0].due_at.getTime() + 3_600_000));
    const sweep = worker.app.get(DeadlineSweepService);
    expect(await sweep.sweep()).toEqual({
      ran: true,
      examined: 1,
      raised: 3,
      escalated: 0,
      stepAlerts: 0,
    });
    expect(await sweep.sweep()).toEqual({
      ran: true,
      examined: 0,
      raised: 0,
      escalated: 0,
      stepAlerts: 0,
    });
    expect((await alerts()).map((a) => `${a.kind}/${a.source}`).sort()).toEqual([
      'due_now/sweep',
      'due_soon/sweep',
      'overdue/sweep',
    ]);
  });
});
