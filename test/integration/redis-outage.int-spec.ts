import { DEADLINES_CONSUMER, KPI_CONSUMER } from '@app/core';
import { QueueName } from '@app/messaging';
import { UNREACHABLE_REDIS_ENV } from '../setup/services';
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

const N = 200;

describe('drill: Redis unreachable while the API takes applications', () => {
  let t: TestApp;
  let worker: WorkerOnDatabase | undefined;
  const prefix = testQueuePrefix();

  beforeAll(async () => {
    // Nothing listens on 6390: the API's Redis (rate limits) is down from the start.
    t = await startTestApp(UNREACHABLE_REDIS_ENV);
  });
  afterAll(async () => {
    await worker?.close();
    await dropQueues(prefix, Object.values(QueueName));
    await t?.close();
  });

  it(`answers all ${N} intakes 201, then delivers every event once Redis is back`, async () => {
    const procedureCode = (await t.factory.procedure({ timeLimitValue: 3 })).code;
    const { statuses } = await intakeMany(t, procedureCode, N, 20);
    expect(statuses.filter((s) => s === 201)).toHaveLength(N);
    expect(
      await count(t, `SELECT count(*) AS n FROM outbox_events WHERE published_at IS NULL`),
    ).toBe(N);

    // "Redis back": a worker with the real Redis drains the outbox.
    // Reminders as delayed jobs: the deadlines consumer gets the events too.
    worker = await startWorkerOn(t.config.database.url, {
      QUEUE_PREFIX: prefix,
      DEADLINE_REMINDERS: 'jobs',
    });
    await eventually(
      () =>
        count(t, `SELECT count(*) AS n FROM consumed_events WHERE consumer = $1`, [KPI_CONSUMER]),
      (n) => n === N,
      30000,
    );
    await eventually(
      () =>
        count(t, `SELECT count(*) AS n FROM consumed_events WHERE consumer = $1`, [
          DEADLINES_CONSUMER,
        ]),
      (n) => n === N,
      30000,
    );
    expect(
      await count(t, `SELECT count(*) AS n FROM outbox_events WHERE published_at IS NULL`),
    ).toBe(0);
    expect(await count(t, `SELECT coalesce(sum(received), 0) AS n FROM kpi_daily_rollups`)).toBe(N);
    expect(await count(t, `SELECT count(*) AS n FROM applications`)).toBe(N);
  }, 60000);
});
