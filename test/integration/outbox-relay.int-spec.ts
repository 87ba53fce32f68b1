import { Role, toLocalDate } from '@app/domain';
import {
  DeadlineSweepService,
  KPI_CONSUMER,
  DEADLINES_CONSUMER,
  KpiRollupConsumer,
  KpiReconciliationService,
} from '@app/core';
import { JobName, OutboxRelayService, QueueName, JOB_OPTIONS } from '@app/messaging';
import { Queue } from 'bullmq';
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
import { DeadlineSweepSchedule } from '../../apps/worker/src/schedules/deadline-sweep.schedule';

const N = 40;
const consumed = (t: TestApp, consumer: string) =>
  count(t, `SELECT count(*) AS n FROM consumed_events WHERE consumer = $1`, [consumer]);
const receivedSum = (t: TestApp) =>
  count(t, `SELECT coalesce(sum(received), 0) AS n FROM kpi_daily_rollups`);

describe('outbox relay drills', () => {
  let t: TestApp;
  let a: WorkerOnDatabase;
  let b: WorkerOnDatabase;
  let procedureCode: string;
  const prefix = testQueuePrefix();
  const queues: Queue[] = [];
  const queue = (name: QueueName) => {
    const q = queueFor(prefix, name);
    queues.push(q);
    return q;
  };

  beforeAll(async () => {
    t = await startTestApp();
    procedureCode = (await t.factory.procedure({ timeLimitValue: 5 })).code;
    // Two replicas on one database and one set of queues; schedules on, to test the tick.
    // Every consumer gets events, the deadlines one included (reminders as delayed jobs).
    const env = {
      QUEUE_PREFIX: prefix,
      OUTBOX_BATCH_SIZE: '7',
      WORKER_SCHEDULES: 'true',
      DEADLINE_REMINDERS: 'jobs',
    };
    a = await startWorkerOn(t.config.database.url, env);
    b = await startWorkerOn(t.config.database.url, env);
    // Two workers in the one Jest process: past 30 s on a loaded in-band run (seen once), and a
    // start cut short leaks the half-started worker's connections into the next file.
  }, 120_000);
  afterAll(async () => {
    await Promise.all(queues.map((q) => q.close()));
    await a?.close();
    await b?.close();
    await dropQueues(prefix, Object.values(QueueName));
    await t?.close();
  });

  it('publishes every event once and each consumer applies each exactly once (two relays)', async () => {
    const { statuses } = await intakeMany(t, procedureCode, N);
    expect(statuses.filter((s) => s === 201)).toHaveLength(N);
    await eventually(
      () => consumed(t, KPI_CONSUMER),
      (n) => n === N,
    );
    await eventually(
      () => consumed(t, DEADLINES_CONSUMER),
      (n) => n === N,
    );

    expect(
      await count(t, `SELECT count(*) AS n FROM outbox_events WHERE published_at IS NULL`),
    ).toBe(0);
    // markPublished bumps attempts: a row published by both relays would show 2.
    expect(await count(t, `SELECT count(*) AS n FROM outbox_events WHERE attempts <> 1`)).toBe(0);
    expect(await receivedSum(t)).toBe(N);
    // Three reminder jobs per application, with deterministic ids.
    const deadlines = queue(QueueName.Deadlines);
    expect(await deadlines.getDelayedCount()).toBe(3 * N);
    // A relay batch of several events is one job per batched consumer: together the completed
    // jobs carry every event exactly once, in fewer jobs than events.
    const kpi = queue(QueueName.KpiRollups);
    const eventIdsDelivered = async () =>
      (await kpi.getCompleted(0, -1)).flatMap((job) =>
        'events' in job.data
          ? (job.data.events as Array<{ eventId: string }>).map((m) => m.eventId)
          : [job.data.eventId as string],
      );
    await eventually(
      async () => (await eventIdsDelivered()).length,
      (n) => n === N,
    );
    expect(new Set(await eventIdsDelivered()).size).toBe(N);
    expect(await kpi.getCompletedCount()).toBeLessThan(N);
    expect(await kpi.getFailedCount()).toBe(0);
    expect(await a.app.get(OutboxRelayService).lagSeconds()).toBe(0);
  });

  it('changes nothing when the same event is delivered again', async () => {
    const { rows } = await t.db.query(
      `SELECT id, type, occurred_at, payload FROM outbox_events ORDER BY occurred_at LIMIT 1`,
    );
    const message = {
      eventId: rows[0].id,
      type: rows[0].type,
      occurredAt: new Date(rows[0].occurred_at).toISOString(),
      payload: rows[0].payload,
    };
    const before = await t.db.query(`SELECT * FROM kpi_daily_rollups ORDER BY channel`);
    // A second job with another id (e.g. a manual replay) and a direct second call.
    const kpi = queue(QueueName.KpiRollups);
    const completedBefore = await kpi.getCompletedCount();
    await kpi.add(JobName.KpiApplyEvent, message, {
      ...JOB_OPTIONS[JobName.KpiApplyEvent],
      jobId: 'replay-1',
    });
    // And twice more in one batch job, as a relay batch cut again after a crash could repeat it.
    await kpi.add(
      JobName.KpiApplyEvent,
      { events: [message, message] },
      { ...JOB_OPTIONS[JobName.KpiApplyEvent], jobId: 'replay-batch-1' },
    );
    await eventually(
      () => kpi.getCompletedCount(),
      (n) => n === completedBefore + 2,
    );
    expect(await a.app.get(KpiRollupConsumer).apply(message)).toBe(false);

    const after = await t.db.query(`SELECT * FROM kpi_daily_rollups ORDER BY channel`);
    expect(after.rows.map((r) => r.received)).toEqual(before.rows.map((r) => r.received));
    expect(await consumed(t, KPI_CONSUMER)).toBe(N);
    expect(await receivedSum(t)).toBe(N);
  });

  it('rolls up results, stops and withdrawals, and reconciles with zero drift', async () => {
    // By key: an UPDATE moves a row to a new ctid, so "the first ctid" is another row next time.
    const FIRST_ROLLUP_ROW = `(day, department_id, procedure_id, channel) = (
      SELECT day, department_id, procedure_id, channel FROM kpi_daily_rollups
      ORDER BY day, department_id, procedure_id, channel LIMIT 1)`;
    const admin = await t.tokenFor(Role.Admin);
    const { rows } = await t.db.query<{ id: string }>(
      `SELECT id FROM applications ORDER BY id LIMIT 6`,
    );
    const act = async (id: string, action: string, body: Record<string, unknown> = {}) => {
      const { rows: v } = await t.db.query(`SELECT version FROM applications WHERE id = $1`, [id]);
      const res = await t.http
        .post(`/api/v1/applications/${id}/${action}`)
        .set('authorization', `Bearer ${admin}`)
        .send({ version: v[0].version, correctionReason: 'Kiểm thử', ...body });
      expect(res.status).toBe(200);
    };
    for (const [i, { id }] of rows.entries()) {
      await act(id, 'start');
      if (i < 4) {
        await act(id, 'mark-result-ready');
      } else {
        if (i === 4) {
          // A withdrawn stop follows the applicant's request (issue 15 point 10).
          await act(id, 'request-withdrawal', { reason: 'Công dân đề nghị rút hồ sơ' });
        }
        await act(id, 'stop', {
          stopReason: i === 4 ? 'withdrawn' : 'rejected',
          reason: 'thử nghiệm',
        });
      }
    }
    const totals = () =>
      t.db
        .query(
          `SELECT sum(result_on_time + result_early + result_late)::int AS results, sum(result_early)::int AS early,
                  sum(stopped)::int AS stopped, sum(withdrawn)::int AS withdrawn FROM kpi_daily_rollups`,
        )
        .then((r) => r.rows[0]);
    // Finished the same day as received, well before the appointment: early.
    await eventually(totals, (v) => v.results === 4 && v.stopped === 2);
    expect(await totals()).toEqual({ results: 4, early: 4, stopped: 2, withdrawn: 1 });
    expect(
      await count(
        t,
        `SELECT count(*) AS n FROM kpi_k1_segments WHERE valid_to IS NULL AND category = 'resolved' AND verdict = 'early'`,
      ),
    ).toBe(4);

    const today = toLocalDate(new Date());
    const reconciliation = a.app.get(KpiReconciliationService);
    expect(await reconciliation.reconcile(today, today)).toEqual({
      checked: N,
      repaired: 0,
      rollupDrift: 0,
    });
    // A lost increment is reported as drift, and left for someone to look at.
    await t.db.query(
      `UPDATE kpi_daily_rollups SET received = received - 1 WHERE ${FIRST_ROLLUP_ROW}`,
    );
    expect(await reconciliation.reconcile(today, today)).toMatchObject({ rollupDrift: 1 });
    expect(reconciliation.driftCount()).toBe(1);
    await t.db.query(
      `UPDATE kpi_daily_rollups SET received = received + 1 WHERE ${FIRST_ROLLUP_ROW}`,
    );
    // An application whose events never reached the consumer (its contributions withdrawn, its
    // facts gone) is found from its history, recomputed and counted.
    const { rows: lost } = await t.db.query(
      `SELECT c->>'day' AS day, c->>'counter' AS counter, (c->>'n')::int AS n, f.department_id, f.procedure_id, f.channel
       FROM kpi_application_facts f CROSS JOIN jsonb_array_elements(f.contributions) c WHERE f.application_id = $1`,
      [rows[0].id],
    );
    for (const c of lost) {
      await t.db.query(
        `UPDATE kpi_daily_rollups SET ${c.counter} = ${c.counter} - $1
         WHERE day = $2 AND department_id = $3 AND procedure_id = $4 AND channel = $5`,
        [c.n, c.day, c.department_id, c.procedure_id, c.channel],
      );
    }
    await t.db.query(`DELETE FROM kpi_k1_segments WHERE application_id = $1`, [rows[0].id]);
    await t.db.query(`DELETE FROM kpi_application_facts WHERE application_id = $1`, [rows[0].id]);
    expect(await totals()).toEqual({ results: 3, early: 3, stopped: 2, withdrawn: 1 });
    expect(await reconciliation.reconcile(today, today)).toEqual({
      checked: N,
      repaired: 1,
      rollupDrift: 0,
    });
    expect(await totals()).toEqual({ results: 4, early: 4, stopped: 2, withdrawn: 1 });
  });

  it('enqueues one sweep per tick across replicas, and runs it on one replica at a time', async () => {
    const tick = new Date('2030-01-01T00:00:30Z');
    await Promise.all([a, b].map((w) => w.app.get(DeadlineSweepSchedule).enqueue(tick)));
    const maintenance = queue(QueueName.Maintenance);
    const ids = (
      await maintenance.getJobs(['waiting', 'active', 'completed', 'failed', 'delayed'])
    ).map((j) => j.id);
    expect(ids.filter((id) => id === `sweep-${Date.parse('2030-01-01T00:00:00Z')}`)).toHaveLength(
      1,
    );

    // While another session holds the sweep lock, a sweep does nothing.
    const holder = await t.db.connect();
    try {
      await holder.query('BEGIN');
      await holder.query('SELECT pg_advisory_xact_lock(7300001)');
      expect(await a.app.get(DeadlineSweepService).sweep()).toMatchObject({ ran: false });
      await holder.query('COMMIT');
    } finally {
      holder.release();
    }
    const results = await Promise.all([a, b].map((w) => w.app.get(DeadlineSweepService).sweep()));
    expect(results.some((r) => r.ran)).toBe(true);
    expect(
      await count(
        t,
        `SELECT count(*) AS n FROM (SELECT 1 FROM deadline_alerts GROUP BY application_id, due_at, kind HAVING count(*) > 1) d`,
      ),
    ).toBe(0);
  });
});
