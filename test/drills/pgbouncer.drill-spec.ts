import { DEADLINES_CONSUMER, KPI_CONSUMER } from '@app/core';
import { Role } from '@app/domain';
import { JobName, OUTBOX_ROUTES, QueueName } from '@app/messaging';
import { Pool } from 'pg';
import { Factories } from '../factories/factories';
import { drillIntakes, PGBOUNCER_URL } from '../setup/services';
import { StubPortal } from '../setup/stub-portal';
import { createTestDatabase } from '../setup/test-database';
import { dropQueues, eventually, queueFor, testQueuePrefix } from '../setup/test-events';
import { freePort, spawnApi, spawnWorker, WorkerProcess } from '../setup/worker-process';

const N = drillIntakes(300);
// The consumers that record each event they apply, and the event types routed to them.
const COUNTED = [
  { job: JobName.KpiApplyEvent, consumer: KPI_CONSUMER },
  { job: JobName.DeadlinesApplyEvent, consumer: DEADLINES_CONSUMER },
].map(({ job, consumer }) => ({
  consumer,
  types: [...new Set(OUTBOX_ROUTES.filter((r) => r.job === job).flatMap((r) => [...r.types]))],
}));
const CONCURRENCY = 16;

function pooledUrl(directUrl: string): string {
  if (!PGBOUNCER_URL) {
    throw new Error('TEST_PGBOUNCER_URL is not set: run this through `npm run drill:pgbouncer`');
  }
  const url = new URL(PGBOUNCER_URL);
  url.pathname = new URL(directUrl).pathname;
  return url.toString();
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/** Runs `work` over `items`, `concurrency` at a time. */
async function pool<T>(
  items: T[],
  concurrency: number,
  work: (item: T, i: number) => Promise<void>,
) {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < items.length) {
        const i = next++;
        await work(items[i], i);
      }
    }),
  );
}

/**
 * Drill (issue 14, item 5): two API and two worker processes with every pooled connection
 * through PgBouncer in transaction mode (`npm run drill:pgbouncer` starts it); only LISTEN and
 * the portal sync's session lock go straight to PostgreSQL (DATABASE_DIRECT_URL). Desks take N
 * applications in through both APIs, heads start them and request a supplement; at the end
 * nothing is lost or doubled: every application, history row and event is there once, and
 * both consumers applied each event exactly once.
 */
describe('drill: two APIs and two workers through PgBouncer (transaction mode)', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let db: Pool;
  const children: WorkerProcess[] = [];
  const bases: string[] = [];
  const prefix = testQueuePrefix();
  let portal: StubPortal;

  beforeAll(async () => {
    // The national portal's stand-in: its sync jobs take the session lock (DATABASE_DIRECT_URL).
    portal = await new StubPortal().start();
    database = await createTestDatabase();
    db = new Pool({ connectionString: database.url, max: 3 });
    db.on('error', () => undefined);
    const env = {
      DATABASE_DIRECT_URL: database.url,
      // PgBouncer 1.18 (Debian 12) keeps no named prepared statements in transaction mode.
      DATABASE_NAMED_STATEMENTS: 'false',
      DATABASE_POOL_SIZE: '10',
      QUEUE_PREFIX: prefix,
      // The deadlines consumer through the pooler too (it gets events only with reminder jobs).
      DEADLINE_REMINDERS: 'jobs',
      OUTBOX_POLL_MS: '1000',
      DVCQG_BASE_URL: portal.url,
    };
    const pooled = pooledUrl(database.url);
    for (let i = 0; i < 2; i++) {
      const port = await freePort();
      children.push(spawnApi(pooled, port, env));
      bases.push(`http://127.0.0.1:${port}`);
      children.push(
        await spawnWorker(pooled, { ...env, WORKER_SCHEDULES: i === 0 ? 'true' : 'false' }),
      );
    }
    for (const [i, base] of bases.entries()) {
      await children[i * 2].whileAlive(
        eventually(
          () =>
            fetch(`${base}/api/v1/health/ready`)
              .then((r) => r.status)
              .catch(() => 0),
          (status) => status === 200,
          60000,
        ),
      );
    }
  }, 90000);
  afterAll(async () => {
    await Promise.all(children.map((c) => c.kill('SIGTERM')));
    await dropQueues(prefix, Object.values(QueueName));
    await db?.end();
    await database?.drop();
    await portal?.close();
  }, 30000);

  const count = async (sql: string, params: unknown[] = []) =>
    Number((await db.query<{ n: string }>(sql, params)).rows[0].n);

  it(`loses and doubles nothing over ${N} intakes and ${2 * N} transitions`, async () => {
    const factory = new Factories(db);
    const procedure = await factory.procedure({ timeLimitValue: 5 });
    const desk = await factory.user({ role: Role.Reception, departmentId: procedure.departmentId });
    const head = await factory.user({ role: Role.Head, departmentId: procedure.departmentId });
    const login = async (base: string, username: string) => {
      const res = await fetch(`${base}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username, password: 'matkhau123' }),
      });
      expect(res.status).toBe(200);
      return ((await res.json()) as { accessToken: string }).accessToken;
    };
    const deskTokens = await Promise.all(bases.map((b) => login(b, desk.username)));
    const headTokens = await Promise.all(bases.map((b) => login(b, head.username)));
    const call = async (i: number, path: string, token: string, body: unknown) => {
      const base = bases[i % 2];
      const started = performance.now();
      const res = await fetch(`${base}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify(body),
      });
      const ms = performance.now() - started;
      const json = (await res.json()) as { id: string; version: number };
      return { status: res.status, ms, json };
    };

    const ids: string[] = new Array<string>(N);
    const statuses: number[] = [];
    const times: number[] = [];
    let started = performance.now();
    await pool([...Array(N).keys()], CONCURRENCY, async (i) => {
      const r = await call(i, '/api/v1/applications', deskTokens[i % 2], {
        procedureCode: procedure.code,
        channel: i % 2 === 0 ? 'direct' : 'online',
        applicant: { fullName: `Trần Văn ${i}`, idNumber: '001099000001', phone: '0912345678' },
      });
      statuses.push(r.status);
      times.push(r.ms);
      ids[i] = r.json.id;
    });
    const intakeSeconds = (performance.now() - started) / 1000;
    expect(statuses.filter((s) => s !== 201)).toEqual([]);

    // Each application moves through the other API than the one that took it in.
    const transitionTimes: number[] = [];
    const transitionStatuses: number[] = [];
    started = performance.now();
    await pool(ids, CONCURRENCY, async (id, i) => {
      const start = await call(i + 1, `/api/v1/applications/${id}/start`, headTokens[(i + 1) % 2], {
        version: 1,
      });
      const supplement = await call(
        i,
        `/api/v1/applications/${id}/request-supplement`,
        headTokens[i % 2],
        { version: 2, items: ['Bản sao chứng thực CCCD'], reason: 'Thiếu giấy tờ theo quy định' },
      );
      transitionStatuses.push(start.status, supplement.status);
      transitionTimes.push(start.ms, supplement.ms);
    });
    const transitionSeconds = (performance.now() - started) / 1000;
    expect(transitionStatuses.filter((s) => s !== 200)).toEqual([]);

    // The database holds each of them exactly once.
    expect(await count(`SELECT count(*) AS n FROM applications`)).toBe(N);
    expect(
      await count(
        `SELECT count(*) AS n FROM applications WHERE status = 'supplement_requested' AND version = 3`,
      ),
    ).toBe(N);
    expect(await count(`SELECT count(*) AS n FROM application_history`)).toBe(3 * N);
    const events = await count(`SELECT count(*) AS n FROM outbox_events`);
    expect(events).toBe(3 * N);
    // Both workers relay and consume: every event published, each applied once per consumer.
    await eventually(
      () => count(`SELECT count(*) AS n FROM outbox_events WHERE published_at IS NULL`),
      (n) => n === 0,
      60000,
    );
    for (const { consumer, types } of COUNTED) {
      const routed = await count(
        `SELECT count(*) AS n FROM outbox_events WHERE type = ANY($1::text[])`,
        [types],
      );
      expect(routed).toBeGreaterThanOrEqual(N);
      // consumed_events has one row per (consumer, event): equal means none lost, none twice.
      await eventually(
        () => count(`SELECT count(*) AS n FROM consumed_events WHERE consumer = $1`, [consumer]),
        (n) => n === routed,
        60000,
      );
    }
    expect(await count(`SELECT coalesce(sum(received), 0) AS n FROM kpi_daily_rollups`)).toBe(N);
    // Every application reached the portal, its syncs serialised by the session lock.
    await eventually(
      () => Promise.resolve(portal.dossiers.size),
      (n) => n === N,
      60000,
    );
    for (const name of [QueueName.KpiRollups, QueueName.Deadlines, QueueName.PortalSync]) {
      const q = queueFor(prefix, name);
      try {
        expect({ queue: name, failed: (await q.getFailed()).map((j) => j.failedReason) }).toEqual({
          queue: name,
          failed: [],
        });
      } finally {
        await q.close();
      }
    }

    const sortedIntake = [...times].sort((a, b) => a - b);
    const sortedTransitions = [...transitionTimes].sort((a, b) => a - b);
    console.log(
      `drill: through PgBouncer, ${N} intakes in ${intakeSeconds.toFixed(1)} s ` +
        `(${(N / intakeSeconds).toFixed(0)}/s, p50 ${percentile(sortedIntake, 50).toFixed(0)} ms, ` +
        `p99 ${percentile(sortedIntake, 99).toFixed(0)} ms); ${2 * N} transitions in ` +
        `${transitionSeconds.toFixed(1)} s (p50 ${percentile(sortedTransitions, 50).toFixed(0)} ms, ` +
        `p99 ${percentile(sortedTransitions, 99).toFixed(0)} ms); ${events} events, none lost or doubled`,
    );
  }, 240000);
});
