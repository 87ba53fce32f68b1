import { randomBytes } from 'node:crypto';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Client, Pool } from 'pg';
import type { DataSource } from 'typeorm';
import type { AppConfig } from '@app/config';
import { KPI_CONSUMER } from '@app/core/kpi/kpi-rollup.consumer';
import {
  ApplicationRepository,
  IntakeProcedure,
} from '@app/database/applications/application.repository';
import { OutboxSignal } from '@app/database/outbox/outbox-signal';
import { freePort, sleep } from '../intake/api-process';
import {
  createBenchDatabase,
  dropBenchDatabase,
  serverVersion,
  withBenchDatabase,
} from '../intake/bench-database';
import {
  intakeBodies,
  newDeskApplication,
  PROCEDURE_COUNT,
  procedureCode,
  seedCatalog,
} from '../intake/dataset';
import { writeReport } from '../intake/report';
import {
  benchDatabaseUrl,
  BenchSettings,
  intakeGroupCommitSettings,
  readSettings,
} from '../intake/settings';
import { deleteKeys, renderEventsReport } from './events-report';
import { runNoopCeilingTrials } from './noop-ceiling';
import { steadyIntake } from './steady-intake';
import { windowCounts } from './timeline';
import { WorkerProcess } from './worker-process';

/**
 * bench:events — a steady intake (BENCH_RATE applications/s for BENCH_DURATION s) with the worker
 * running: outbox events relayed and applied by the KPI roll-up consumer per second, lag from
 * commit to applied roll-up, exact roll-ups at the end, and BullMQ's own no-op ceiling beside it.
 */
const POOL_SIZE = 20;
const DRAIN_TIMEOUT_MS = 120_000;
const NOOP_JOBS = 20_000;

interface Sample {
  at: number;
  published: number;
  applied: number;
}

function intEnv(name: string, fallback: number, min = 1): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') {
    return fallback;
  }
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min) {
    throw new Error(
      `bench:events: ${name} must be an integer of at least ${min}, got ${JSON.stringify(raw)}`,
    );
  }
  return value;
}

async function main(): Promise<void> {
  const rate = intEnv('BENCH_RATE', 1000);
  const duration = intEnv('BENCH_DURATION', 60);
  const warmup = intEnv('BENCH_WARMUP', 3, 0);
  const maxInFlight = intEnv('BENCH_IN_FLIGHT', 64);
  const noopTrials = intEnv('BENCH_NOOP_TRIALS', 3);
  const settings: BenchSettings = { ...readSettings([]), databaseName: 'motcua_bench_events' };
  const databaseUrl = benchDatabaseUrl(settings);
  const runId = `${Date.now().toString(36)}${process.pid}`;
  const workerPrefix = `bench-events-${runId}`;
  const noopPrefix = `bench-noop-${runId}`;
  const log = (line: string) => console.error(`[bench:events] ${line}`);
  const loadBefore = loadavg()[0];

  let worker: WorkerProcess | null = null;
  let pool: Pool | null = null;
  let stats: Client | null = null;
  let interrupted = false;
  const onSignal = () => {
    interrupted = true;
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  try {
    log(`creating ${settings.databaseName} and running migrations…`);
    await createBenchDatabase(settings);
    const actor = await withBenchDatabase(settings, (client) => seedCatalog(client));
    const pgVersion = await withBenchDatabase(settings, serverVersion);

    log('starting the worker…');
    worker = WorkerProcess.start(await freePort(), {
      DATABASE_URL: databaseUrl,
      REDIS_URL: settings.redisUrl,
      QUEUE_PREFIX: workerPrefix,
      LOG_LEVEL: 'warn',
      NODE_ENV: 'production',
      WORKER_SCHEDULES: 'false',
      // The machine's Redis (often without AOF): durability is not what this measures.
      REDIS_CHECK_SETTINGS: 'false',
      // Required in production; the worker verifies no tokens, any value will do.
      // A secret of this run only: production refuses a published one.
      JWT_SECRET: randomBytes(48).toString('base64url'),
    });
    await worker.waitReady();
    const workerMode = worker.mode;
    log(`worker ready (${worker.mode})`);

    pool = new Pool({ connectionString: databaseUrl, max: POOL_SIZE });
    pool.on('error', () => undefined);
    stats = new Client({ connectionString: databaseUrl });
    stats.on('error', () => undefined);
    await stats.connect();

    // The real repository on a DataSource stand-in whose driver pool is a bare pg Pool (as in
    // bench/intake/ceiling.ts): INTAKE_SQL writes application, history and outbox event in one
    // statement, and OutboxSignal pokes the relay with a coalesced NOTIFY after the commit.
    const pgPool = pool;
    const dataSource = {
      driver: { master: pgPool },
      query: async (text: string, values?: unknown[]) => (await pgPool.query(text, values)).rows,
    } as unknown as DataSource;
    // Intakes grouped as the API groups them (its settings and defaults).
    const repository = new ApplicationRepository(
      dataSource,
      new OutboxSignal(dataSource),
      undefined,
      {
        database: { namedStatements: true, intakeGroupCommit: intakeGroupCommitSettings() },
      } as AppConfig,
    );
    const procedures = new Map<string, IntakeProcedure>();
    for (let p = 0; p < PROCEDURE_COUNT; p++) {
      const found = await repository.findIntakeProcedure(procedureCode(p));
      if (!found) {
        throw new Error(`procedure ${procedureCode(p)} not seeded`);
      }
      procedures.set(found.code, found);
    }
    const bodies = intakeBodies();

    const statsClient = stats;
    const poll = async (): Promise<Sample> => {
      const { rows } = await statsClient.query<{ published: number; applied: number }>(
        `SELECT (SELECT count(*)::int FROM outbox_events WHERE published_at IS NOT NULL) AS published,
                (SELECT count(*)::int FROM consumed_events WHERE consumer = $1) AS applied`,
        [KPI_CONSUMER],
      );
      return { at: performance.now(), ...rows[0] };
    };

    // Nothing is read while the intake runs: its rates come from the recorded timestamps after.
    log(`intake: ${rate}/s for ${warmup} s of warm-up and ${duration} s measured…`);
    const intake = await steadyIntake({
      rate,
      duration,
      warmup,
      maxInFlight,
      interrupted: () => interrupted,
      insertOne: async (index) => {
        const body = bodies[index % bodies.length];
        const app = newDeskApplication(
          procedures.get(body.procedureCode)!,
          body,
          actor,
          new Date(),
        );
        await repository.insert(app);
        return app.event.id;
      },
    });
    const { commitMs, failures, dropped, warmupIds } = intake;
    const intakeSeconds = intake.seconds;
    const intakeStartMs = intake.measuredFromMs;
    const intakeEndMs = Date.now();
    const endOfIntake = await poll();
    // Every committed application, warm-up's included, must be applied and summed up.
    const committed = commitMs.size;
    const measured = (id: string) => !warmupIds.has(id);
    log(
      `intake done: ${committed} committed (${warmupIds.size} in the warm-up), ${dropped} dropped, ${failures.length} failed; draining…`,
    );

    const drainStarted = performance.now();
    let last = endOfIntake;
    while (
      last.applied < committed &&
      performance.now() - drainStarted < DRAIN_TIMEOUT_MS &&
      !interrupted
    ) {
      await sleep(200);
      last = await poll();
    }
    const drainSeconds = (last.at - endOfIntake.at) / 1000;

    // Lag: consumed_events.consumed_at is now() of the consumer's transaction (its start), so each
    // figure is from the bench seeing the commit to the roll-up transaction starting.
    const { rows: consumed } = await statsClient.query<{ id: string; at: number }>(
      `SELECT event_id AS id, (extract(epoch FROM consumed_at) * 1000)::float8 AS at
         FROM consumed_events WHERE consumer = $1`,
      [KPI_CONSUMER],
    );
    const lags: number[] = [];
    for (const row of consumed) {
      const commit = commitMs.get(row.id);
      if (commit !== undefined && measured(row.id)) {
        lags.push(row.at - commit);
      }
    }
    const sortedLags = Float64Array.from(lags).sort();
    // The relay's share: commit seen by the bench → the relay's claiming transaction (its start).
    const { rows: published } = await statsClient.query<{ id: string; at: number }>(
      `SELECT id, (extract(epoch FROM published_at) * 1000)::float8 AS at
         FROM outbox_events WHERE published_at IS NOT NULL`,
    );
    const relayLags = Float64Array.from(
      published.flatMap((row) => {
        const commit = commitMs.get(row.id);
        return commit === undefined || !measured(row.id) ? [] : [row.at - commit];
      }),
    ).sort();
    const { rows: sums } = await statsClient.query<{ received: number | null; apps: number }>(
      `SELECT (SELECT sum(received)::int FROM kpi_daily_rollups) AS received,
              (SELECT count(*)::int FROM applications) AS apps`,
    );
    const received = sums[0].received ?? 0;
    const rollupsExact = received === committed && sums[0].apps === committed;

    const relayed = windowCounts(
      published.map((row) => row.at),
      intakeStartMs,
      intakeEndMs,
    );
    const applied = windowCounts(
      consumed.map((row) => row.at),
      intakeStartMs,
      intakeEndMs,
    );

    await stats.end();
    stats = null;
    await sleep(100); // the last coalesced NOTIFY
    await pool.end();
    pool = null;
    log('stopping the worker…');
    await worker.stop();
    worker = null;

    log(`BullMQ no-op ceiling: ${noopTrials} × ${NOOP_JOBS} jobs…`);
    const noop = await runNoopCeilingTrials(settings.redisUrl, noopPrefix, NOOP_JOBS, noopTrials);
    const loadAfter = loadavg()[0];

    const markdown = renderEventsReport({
      rate,
      duration,
      poolSize: POOL_SIZE,
      maxInFlight,
      pgVersion,
      workerMode,
      loadBefore,
      loadAfter,
      committed,
      measuredCommitted: committed - warmupIds.size,
      dropped,
      warmup: { seconds: warmup, committed: warmupIds.size, dropped: intake.warmupDropped },
      failed: failures.length,
      intakeSeconds,
      relayedRate: relayed.rate,
      appliedRate: applied.rate,
      relayedPeak: relayed.peakPerSecond,
      appliedPeak: applied.peakPerSecond,
      endOfIntake: { published: relayed.byEnd, applied: applied.byEnd },
      drainSeconds,
      unappliedAfterDrain: committed - last.applied,
      drainTimeoutSeconds: DRAIN_TIMEOUT_MS / 1000,
      intakeLatencies: intake.latencies,
      lags: sortedLags,
      relayLags,
      received,
      applicationRows: sums[0].apps,
      rollupsExact,
      noop,
      noopJobs: NOOP_JOBS,
    });
    process.stdout.write(markdown);
    writeReport(join(__dirname, 'results', 'latest.md'), markdown);
    if (failures.length > 0) {
      log(`insert failures (first): ${[...new Set(failures)].slice(0, 3).join('; ')}`);
    }
  } finally {
    await stats?.end().catch(() => undefined);
    await pool?.end().catch(() => undefined);
    await worker?.stop().catch(() => undefined);
    await deleteKeys(settings.redisUrl, [workerPrefix, noopPrefix]).catch((error: Error) =>
      log(`redis clean-up failed: ${error.message}`),
    );
    await dropBenchDatabase(settings).catch((error: Error) =>
      log(`dropping ${settings.databaseName} failed: ${error.message}`),
    );
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
