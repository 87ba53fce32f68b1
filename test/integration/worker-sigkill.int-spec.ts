import { DEADLINES_CONSUMER, KPI_CONSUMER } from '@app/core';
import { JobName, OUTBOX_ROUTES, QueueName } from '@app/messaging';
import { startTestApp, TestApp } from '../setup/test-app';
import {
  count,
  dropQueues,
  eventually,
  intakeMany,
  queueFor,
  testQueuePrefix,
} from '../setup/test-events';
import { spawnWorker, WorkerProcess } from '../setup/worker-process';

const N = 300;
// The consumers that record each event in consumed_events (citizen e-mails record only the
// mails of online applications, in citizen_mails: none here, every intake is at the desk).
const CONSUMER_OF: Partial<Record<(typeof OUTBOX_ROUTES)[number]['job'], string>> = {
  [JobName.KpiApplyEvent]: KPI_CONSUMER,
  [JobName.DeadlinesApplyEvent]: DEADLINES_CONSUMER,
};
const COUNTED_ROUTES = OUTBOX_ROUTES.flatMap((route) => {
  const consumer = CONSUMER_OF[route.job];
  return consumer ? [{ ...route, consumer }] : [];
});

const consumed = (t: TestApp, consumer: string) =>
  count(t, `SELECT count(*) AS n FROM consumed_events WHERE consumer = $1`, [consumer]);

/**
 * Drill (issue 3, item 5): a worker process killed with SIGKILL in the middle of its work, then
 * restarted. The outbox relay re-claims what it had not marked published (rolled back with the
 * dead connection); BullMQ sees the dead worker's active jobs as stalled once their locks
 * expire and retries them; consumed_events makes a retried event that had already committed
 * a no-op. Result: no event lost, none applied twice.
 */
describe('drill: worker killed with SIGKILL mid-batch, then restarted', () => {
  let t: TestApp;
  const prefix = testQueuePrefix();
  const workers: WorkerProcess[] = [];
  const env = {
    QUEUE_PREFIX: prefix,
    OUTBOX_BATCH_SIZE: '5',
    OUTBOX_POLL_MS: '500',
    WORKER_CONCURRENCY: '1',
    // Test-only values: a dead worker's job is retried ~3-5 s after the kill, not 30-60 s.
    WORKER_LOCK_DURATION_MS: '3000',
    WORKER_STALLED_INTERVAL_MS: '1000',
    KPI_CONSUMER_DELAY_MS: '40',
    // The deadlines consumer too (it gets events only while reminders are delayed jobs).
    DEADLINE_REMINDERS: 'jobs',
  };
  const start = async (overrides: Record<string, string> = {}) => {
    const w = await spawnWorker(t.config.database.url, { ...env, ...overrides });
    workers.push(w);
    return w;
  };

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    // Even after a failure: no child may outlive the file.
    await Promise.all(workers.map((w) => w.kill('SIGKILL')));
    await dropQueues(prefix, Object.values(QueueName));
    await t?.close();
  }, 20000);

  it(`applies each of ${N} intakes' events exactly once across the kill`, async () => {
    const procedureCode = (await t.factory.procedure({ timeLimitValue: 3 })).code;
    const first = await start();
    // Intake runs while the worker relays and consumes: the kill lands mid-stream.
    const intake = intakeMany(t, procedureCode, N, 10);
    await first.whileAlive(
      eventually(
        () => consumed(t, KPI_CONSUMER),
        (n) => n >= 20,
        40000,
      ),
    );
    await first.kill('SIGKILL');
    expect(first.child.signalCode).toBe('SIGKILL');
    const { statuses } = await intake;
    expect(statuses.filter((s) => s === 201)).toHaveLength(N);
    const atKill = await consumed(t, KPI_CONSUMER);
    expect(atKill).toBeLessThan(N);

    // The restarted worker needs no slow-down: it only has to finish the work.
    const second = await start({ KPI_CONSUMER_DELAY_MS: '0' });
    const routed = async (types: ReadonlySet<string>) =>
      count(t, `SELECT count(*) AS n FROM outbox_events WHERE type = ANY($1::text[])`, [
        [...types],
      ]);
    for (const route of COUNTED_ROUTES) {
      const expected = await routed(route.types);
      await second.whileAlive(
        eventually(
          () => consumed(t, route.consumer),
          (n) => n >= expected,
          50000,
        ),
      );
    }
    // Let any retry still in flight land before the exact counts are read.
    await new Promise((r) => setTimeout(r, 1500));

    expect(
      await count(t, `SELECT count(*) AS n FROM outbox_events WHERE published_at IS NULL`),
    ).toBe(0);
    for (const route of COUNTED_ROUTES) {
      // consumed_events has one row per (consumer, event): exact means none lost, none twice.
      expect({ job: route.job, consumed: await consumed(t, route.consumer) }).toEqual({
        job: route.job,
        consumed: await routed(route.types),
      });
    }
    expect(await count(t, `SELECT coalesce(sum(received), 0) AS n FROM kpi_daily_rollups`)).toBe(N);
    for (const name of Object.values(QueueName)) {
      const q = queueFor(prefix, name);
      try {
        const failed = await q.getFailed();
        expect({
          queue: name,
          failed: failed.map((j) => `${j.name} ${j.id}: ${j.failedReason}`),
        }).toEqual({ queue: name, failed: [] });
      } finally {
        await q.close();
      }
    }
  }, 85000);
});
