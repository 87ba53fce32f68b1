import { DEADLINES_CONSUMER, DeadlineSweepService, FixedClock, KPI_CONSUMER } from '@app/core';
import { deadlineAlertTimes } from '@app/domain';
import { WorkingCalendarService } from '@app/database';
import { QueueName } from '@app/messaging';
import { startTestApp, TestApp } from '../setup/test-app';
import {
  count,
  dropQueues,
  eventually,
  intakeMany,
  queueFor,
  startWorkerOn,
  testQueuePrefix,
  WorkerOnDatabase,
} from '../setup/test-events';

/**
 * With the default DEADLINE_REMINDERS=sweep no reminder lives in Redis: the relay gives the
 * deadlines queue nothing, and the every-minute sweep raises each reminder once its time has
 * come, from the applications' due dates.
 */
describe('deadline reminders raised by the sweep (the default)', () => {
  let t: TestApp;
  let worker: WorkerOnDatabase;
  const clock = new FixedClock(new Date());
  const prefix = testQueuePrefix();

  beforeAll(async () => {
    t = await startTestApp();
    worker = await startWorkerOn(
      t.config.database.url,
      { DATABASE_POOL_SIZE: '3', QUEUE_PREFIX: prefix },
      { clock },
    );
  });
  afterAll(async () => {
    await worker?.close();
    await dropQueues(prefix, Object.values(QueueName));
    await t?.close();
  });

  const alerts = async () =>
    (
      await t.db.query<{ kind: string; source: string }>(
        `SELECT kind, source FROM deadline_alerts ORDER BY raised_at, kind`,
      )
    ).rows.map((a) => `${a.kind}/${a.source}`);

  it('the relay schedules no reminder job; the sweep raises each at its time, once', async () => {
    expect(worker.config.sweep.reminders).toBe('sweep');
    const procedureCode = (await t.factory.procedure({ timeLimitValue: 3 })).code;
    const { ids } = await intakeMany(t, procedureCode, 3);
    // The relay has handed the events on: the KPI consumer applied all three.
    await eventually(
      () =>
        count(t, `SELECT count(*) AS n FROM consumed_events WHERE consumer = $1`, [KPI_CONSUMER]),
      (n) => n === 3,
    );
    const deadlines = queueFor(prefix, QueueName.Deadlines);
    try {
      const counts = await deadlines.getJobCounts();
      expect(Object.values(counts).reduce((a, b) => a + b, 0)).toBe(0);
    } finally {
      await deadlines.close();
    }
    expect(
      await count(t, `SELECT count(*) AS n FROM consumed_events WHERE consumer = $1`, [
        DEADLINES_CONSUMER,
      ]),
    ).toBe(0);

    const { rows } = await t.db.query<{ due_at: Date }>(
      `SELECT due_at FROM applications WHERE id = ANY($1::uuid[])`,
      [ids],
    );
    const calendars = worker.app.get(WorkingCalendarService);
    const calendar = await calendars.current();
    const each = rows.map((r) => deadlineAlertTimes(r.due_at, calendar, calendars.deadlinePolicy()));
    // The three were received together; each step waits for the latest of their times.
    const latest = (kind: 'due_soon' | 'due_now' | 'overdue') =>
      new Date(Math.max(...each.map((times) => times[kind].getTime())));
    const earliestDueSoon = Math.min(...each.map((times) => times.due_soon.getTime()));
    const sweep = worker.app.get(DeadlineSweepService);
    const raisedAt = async (at: Date) => {
      clock.set(at);
      return (await sweep.sweep()).raised;
    };

    expect(await raisedAt(new Date(earliestDueSoon - 60_000))).toBe(0);
    expect(await raisedAt(latest('due_soon'))).toBe(3);
    expect(await raisedAt(latest('due_soon'))).toBe(0);
    expect(await raisedAt(latest('due_now'))).toBe(3);
    expect(await raisedAt(latest('overdue'))).toBe(3);
    expect(await raisedAt(new Date(latest('overdue').getTime() + 60_000))).toBe(0);
    expect(await alerts()).toEqual([
      ...Array<string>(3).fill('due_soon/sweep'),
      ...Array<string>(3).fill('due_now/sweep'),
      ...Array<string>(3).fill('overdue/sweep'),
    ]);
  });
});
