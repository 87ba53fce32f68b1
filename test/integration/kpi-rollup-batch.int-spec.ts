import { randomUUID } from 'node:crypto';
import { KPI_CONSUMER, KpiRollupBatcher, KpiRollupConsumer } from '@app/core';
import { Role } from '@app/domain';
import { MetricsRegistry } from '@app/observability';
import { ApplicationEventType, OutboxEventMessage, QueueName } from '@app/messaging';
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

const N = 12;
const receivedSum = (t: TestApp) =>
  count(t, `SELECT coalesce(sum(received), 0) AS n FROM kpi_daily_rollups`);
const consumed = (t: TestApp) =>
  count(t, `SELECT count(*) AS n FROM consumed_events WHERE consumer = $1`, [KPI_CONSUMER]);

/**
 * The batched KPI consumer: one transaction per batch, exactly-once per event id within and
 * across batches, overlapping batches on the same hot rows, and a bad event failing alone.
 */
describe('KPI roll-ups applied in batches', () => {
  let t: TestApp;
  let w: WorkerOnDatabase;
  let received: OutboxEventMessage[];
  let departmentId: string;
  const prefix = testQueuePrefix();

  /** A new Received event (a fresh id) for an existing application's roll-up row. */
  const receivedAgain = (template: OutboxEventMessage, at?: string): OutboxEventMessage => ({
    ...template,
    eventId: randomUUID(),
    payload: { ...template.payload, ...(at ? { receivedAt: at, at } : {}) },
  });

  beforeAll(async () => {
    t = await startTestApp();
    const procedure = await t.factory.procedure({ timeLimitValue: 5 });
    departmentId = procedure.departmentId;
    w = await startWorkerOn(t.config.database.url, { QUEUE_PREFIX: prefix });
    const { statuses } = await intakeMany(t, procedure.code, N);
    expect(statuses.every((s) => s === 201)).toBe(true);
    await eventually(
      () => consumed(t),
      (n) => n === N,
    );
    const { rows } = await t.db.query(
      `SELECT id, type, occurred_at, payload FROM outbox_events WHERE type = $1 ORDER BY occurred_at`,
      [ApplicationEventType.Received],
    );
    received = rows.map((r) => ({
      eventId: r.id,
      type: r.type,
      occurredAt: new Date(r.occurred_at).toISOString(),
      payload: r.payload,
    }));
  });
  afterAll(async () => {
    await w?.close();
    await dropQueues(prefix, Object.values(QueueName));
    await t?.close();
  });

  it('reports the size of each batch the queue applied (Prometheus)', async () => {
    const text = await w.app.get(MetricsRegistry).text();
    const sum = /motcua_event_batch_size_sum\{consumer="kpi-rollups"\} (\d+)/.exec(text);
    const batches = /motcua_event_batch_size_count\{consumer="kpi-rollups"\} (\d+)/.exec(text);
    expect(Number(sum?.[1])).toBe(N);
    expect(Number(batches?.[1])).toBeGreaterThanOrEqual(1);
    expect(Number(batches?.[1])).toBeLessThanOrEqual(N);
  });

  it('a batch of events already applied, with repeats, changes nothing', async () => {
    const consumer = w.app.get(KpiRollupConsumer);
    const applied = await consumer.applyBatch([...received, ...received.slice(0, 3)]);
    expect(applied).toEqual(new Array(N + 3).fill(false));
    expect(await receivedSum(t)).toBe(N);
    expect(await consumed(t)).toBe(N);
  });

  it('a new event id for an application already counted adds nothing: facts come from history', async () => {
    const consumer = w.app.get(KpiRollupConsumer);
    const fresh = received.slice(0, 5).map((m) => receivedAgain(m));
    const applied = await consumer.applyBatch([...fresh, fresh[0], fresh[4], received[0]]);
    expect(applied).toEqual([true, true, true, true, true, false, false, false]);
    expect(await receivedSum(t)).toBe(N);
    expect(await consumed(t)).toBe(N + 5);
  });

  it('counts on the local day: a reception corrected to 23:30 UTC moves to the next day in Hà Nội', async () => {
    const consumer = w.app.get(KpiRollupConsumer);
    const [a, b] = received;
    await t.db.query(`UPDATE applications SET received_at = '2026-03-10T23:30:00Z' WHERE id = $1`, [
      a.payload.applicationId,
    ]);
    await t.db.query(`UPDATE applications SET received_at = '2026-03-10T16:59:00Z' WHERE id = $1`, [
      b.payload.applicationId,
    ]);
    await consumer.applyBatch([receivedAgain(a), receivedAgain(b)]);
    const { rows } = await t.db.query(
      `SELECT to_char(day, 'YYYY-MM-DD') AS day, sum(received)::int AS received FROM kpi_daily_rollups
        WHERE day IN ('2026-03-10', '2026-03-11') GROUP BY day ORDER BY day`,
    );
    expect(rows).toEqual([
      { day: '2026-03-10', received: 1 },
      { day: '2026-03-11', received: 1 },
    ]);
    expect(await receivedSum(t)).toBe(N);
    // Moved into the past: recorded as a back-dated change (closed periods are checked for it).
    expect(await count(t, `SELECT count(DISTINCT application_id) AS n FROM kpi_k1_changes`)).toBe(
      2,
    );
  });

  it('overlapping batches on the same applications, in opposite orders, neither deadlock nor double count', async () => {
    const consumer = w.app.get(KpiRollupConsumer);
    // Every application's reception moves to 1/4: six workers race to apply it.
    await t.db.query(
      `UPDATE applications SET received_at = '2026-04-01T03:00:00Z' WHERE id = ANY($1::uuid[])`,
      [received.map((m) => m.payload.applicationId)],
    );
    const batch = () => received.map((m) => receivedAgain(m));
    const batches = Array.from({ length: 6 }, (_, i) => (i % 2 ? batch().reverse() : batch()));
    await Promise.all(batches.map((b) => consumer.applyBatch(b)));
    expect(await receivedSum(t)).toBe(N);
    expect(
      await count(
        t,
        `SELECT received AS n FROM kpi_monthly_rollups WHERE month = '2026-04-01' AND received > 0 LIMIT 1`,
      ),
    ).toBeGreaterThan(0);
    const { rows } = await t.db.query(
      `SELECT sum(received)::int AS n FROM kpi_daily_rollups WHERE day = '2026-04-01'`,
    );
    expect(rows[0].n).toBe(N);
  });

  it('a result adds K2/K6 completion counters to the row of its reception day', async () => {
    const consumer = w.app.get(KpiRollupConsumer);
    const [first, second] = received;
    const officer = await t.factory.user({ role: Role.Officer, departmentId });
    // Received Mon 2/3/2026, results Thu 5/3: 3 working days. One result's signature verified
    // (the other one only claimed: K6 does not count it).
    for (const [m, signed] of [
      [first, true],
      [second, false],
    ] as const) {
      await t.db.query(
        `UPDATE applications SET received_at = '2026-03-02T02:00:00Z', due_at = '2026-03-09T10:00:00Z',
                original_due_at = '2026-03-09T10:00:00Z', status = 'result_ready',
                result_ready_at = '2026-03-05T08:00:00Z' WHERE id = $1`,
        [m.payload.applicationId],
      );
      // History names its actor (NOT NULL): the officer of the application's department.
      await t.db.query(
        `INSERT INTO application_history (application_id, at, actor_id, actor_role, action, from_status, to_status, payload)
         SELECT a.id, '2026-03-05T08:00:00Z', $3, 'officer', 'mark-result-ready', 'processing', 'result_ready', $2
         FROM applications a WHERE a.id = $1`,
        [
          m.payload.applicationId,
          JSON.stringify({ digitallySigned: true, signatureVerified: signed }),
          officer.id,
        ],
      );
    }
    const result = (m: OutboxEventMessage): OutboxEventMessage => ({
      ...m,
      eventId: randomUUID(),
      type: ApplicationEventType.ResultReady,
      payload: { ...m.payload, at: '2026-03-05T08:00:00.000Z' },
    });
    expect(await consumer.applyBatch([result(first), result(second)])).toEqual([true, true]);
    const { rows } = await t.db.query(
      `SELECT to_char(day, 'YYYY-MM-DD') AS day, sum(completed)::int AS completed,
              sum(completed_working_days)::int AS "workingDays", sum(completed_signed)::int AS signed,
              sum(result_early + result_on_time + result_late)::int AS results
         FROM kpi_daily_rollups WHERE day IN ('2026-03-02', '2026-03-05') GROUP BY day ORDER BY day`,
    );
    expect(rows).toEqual([
      { day: '2026-03-02', completed: 2, workingDays: 6, signed: 1, results: 0 },
      { day: '2026-03-05', completed: 0, workingDays: 0, signed: 0, results: 2 },
    ]);
  });

  it('the batcher fails only the job whose event cannot be applied', async () => {
    const batcher = w.app.get(KpiRollupBatcher);
    const before = await receivedSum(t);
    // A payload whose application id is not even an id: its batch fails, then it alone.
    const orphanResult: OutboxEventMessage = {
      ...received[0],
      eventId: randomUUID(),
      type: ApplicationEventType.ResultReady,
      payload: { ...received[0].payload, applicationId: 'not-an-id' },
    };
    const good = received.slice(0, 6).map((m) => receivedAgain(m));
    const outcomes = await Promise.allSettled(
      [...good.slice(0, 3), orphanResult, ...good.slice(3)].map((m) => batcher.submit(m)),
    );
    expect(outcomes.map((o) => o.status)).toEqual([
      'fulfilled',
      'fulfilled',
      'fulfilled',
      'rejected',
      'fulfilled',
      'fulfilled',
      'fulfilled',
    ]);
    expect(String((outcomes[3] as PromiseRejectedResult).reason)).toMatch(/uuid/);
    expect(await receivedSum(t)).toBe(before);
    expect(
      await count(t, `SELECT count(*) AS n FROM consumed_events WHERE event_id = ANY($1::uuid[])`, [
        good.map((m) => m.eventId),
      ]),
    ).toBe(6);
    expect(
      await count(t, `SELECT count(*) AS n FROM consumed_events WHERE event_id = $1`, [
        orphanResult.eventId,
      ]),
    ).toBe(0);
  });
});
