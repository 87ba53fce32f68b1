import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import type { Job } from 'bullmq';
import { Client } from 'pg';
import { loadConfig, type AppConfig } from '@app/config';
import {
  DIGEST_LISTED_ITEMS,
  Clock,
  K1ContextProvider,
  KpiFactsService,
  KpiReconciliationService,
  NIGHTLY_CATCH_UP_DAYS,
  RECONCILE_BATCH,
} from '@app/core';
import {
  DeadlineAlertRepository,
  EscalationRepository,
  HousekeepingRepository,
  KpiFactsRepository,
  KpiRollupRepository,
  MIGRATIONS,
  NotificationRepository,
  PortalSyncRepository,
  TransactionScope,
  WorkingCalendarService,
} from '@app/database';
import {
  addLocalDays,
  alertsDueBefore,
  atLocalMillis,
  atLocalTime,
  isWithinOfficeHours,
  overdueByWorkingDaysDueBefore,
  runningClockStatuses,
  toLocalDate,
} from '@app/domain';
import { JobName } from '@app/messaging';
import { WorkerModule } from '../../apps/worker/src/worker.module';
import { PROCESSORS } from '../../apps/worker/src/processors/job-handler.check';
import { MaintenanceProcessor } from '../../apps/worker/src/processors/maintenance.processor';
import { PortalSyncProcessor } from '../../apps/worker/src/processors/portal-sync.processor';
import { applyWorkerOptions } from '../../apps/worker/src/processors/worker-options';
import { startSmtpSink } from '../../test/setup/smtp-sink';
import { deleteKeys } from '../events/events-report';
import { serverVersion } from '../intake/bench-database';
import { writeReport } from '../intake/report';
import { benchDatabaseUrl, readSettings } from '../intake/settings';
import { readMarker } from '../metrics/marker';
import { METRICS_DATABASE } from '../metrics/settings';
import { captureQuery, explain, ExplainedQuery } from './plans';
import { formatMs, JobRow, renderJobsReport } from './report';
import {
  readState,
  restore,
  seedHistory,
  seedHousekeeping,
  SEEDED_TABLES,
  type DatabaseState,
} from './seed';

/**
 * `npm run bench:jobs`: every scheduled background job of the worker, run once the way the
 * worker runs it (its processors, in a Nest application of the worker's own modules) against
 * the generated 10 M database of bench:metrics, with a bounded amount of what the generator
 * does not write seeded first and removed afterwards. See bench/README.md.
 */
const RESULTS_FILE = join(__dirname, 'results', 'latest.md');
const log = (line: string) => process.stderr.write(`[bench:jobs] ${line}\n`);
const n = (value: number) => value.toLocaleString('en-US');

interface Options {
  databaseName: string;
  plans: boolean;
  nights: number;
  outbox: number;
  idempotency: number;
}

function readOptions(argv = process.argv.slice(2), env = process.env): Options {
  const args = new Map(
    argv
      .filter((a) => a.startsWith('--'))
      .map((a) => {
        const [name, ...value] = a.slice(2).split('=');
        return [name, value.length === 0 ? 'true' : value.join('=')] as const;
      }),
  );
  const pick = (arg: string, variable: string) => args.get(arg) ?? env[variable];
  const int = (raw: string | undefined, fallback: number, what: string) => {
    if (raw === undefined || raw === '') {
      return fallback;
    }
    const value = Number(raw.replace(/_/g, ''));
    if (!Number.isInteger(value) || value < 1) {
      throw new Error(`bench:jobs: ${what} must be a positive integer, got ${JSON.stringify(raw)}`);
    }
    return value;
  };
  const databaseName = pick('database', 'BENCH_METRICS_DATABASE') ?? METRICS_DATABASE;
  if (!/^motcua_bench_metrics\w*$/.test(databaseName)) {
    throw new Error(`bench:jobs: the database name must start with ${METRICS_DATABASE}`);
  }
  const nights = int(pick('nights', 'BENCH_CATCH_UP_NIGHTS'), NIGHTLY_CATCH_UP_DAYS, 'nights');
  if (nights > NIGHTLY_CATCH_UP_DAYS) {
    throw new Error(
      `bench:jobs: one nightly run catches up at most ${NIGHTLY_CATCH_UP_DAYS} nights`,
    );
  }
  const plans = pick('plans', 'BENCH_PLANS');
  return {
    databaseName,
    plans: plans !== undefined && ['1', 'true', 'yes'].includes(plans.toLowerCase()),
    nights,
    outbox: int(pick('outbox', 'BENCH_OUTBOX_ROWS'), 1_000_000, 'outbox rows'),
    idempotency: int(pick('idempotency', 'BENCH_IDEMPOTENCY_KEYS'), 200_000, 'idempotency keys'),
  };
}

/** The worker's clock, which the e-mail digest's row moves into office hours. */
class BenchClock extends Clock {
  fixed: Date | null = null;
  override now(): Date {
    return this.fixed ? new Date(this.fixed) : new Date();
  }
}

const job = (name: string, data: unknown) =>
  ({ id: `bench-${name}`, name, data, attemptsMade: 0, opts: {} }) as unknown as Job;

async function timed<T>(work: () => Promise<T>): Promise<{ result: T; ms: number }> {
  const started = performance.now();
  const result = await work();
  return { result, ms: performance.now() - started };
}

async function main(state: Teardown): Promise<void> {
  const options = readOptions();
  const loadBefore = loadavg()[0];
  const base = { ...readSettings([]), databaseName: options.databaseName };
  const url = benchDatabaseUrl(base);
  const marker = await readMarker(base);
  if (!marker) {
    throw new Error(
      `${options.databaseName} holds no finished generation: run npm run bench:metrics:generate first`,
    );
  }
  const db = new Client({ connectionString: url });
  await db.connect();
  state.cleanups.push(() => db.end());
  const seeder = new Client({ connectionString: url });
  await seeder.connect();
  state.cleanups.push(() => seeder.end());
  await seeder.query(`SET session_replication_role = replica`); // bulk set-up: no FK checks

  const applied = await db.query(`SELECT count(*)::int AS n FROM typeorm_migrations`);
  if (applied.rows[0].n < MIGRATIONS.length) {
    throw new Error('the bench database lacks migrations: run npm run bench:metrics once first');
  }
  const pgVersion = await serverVersion(db);
  const before = await readState(db);
  const notEmpty = SEEDED_TABLES.filter((t) => !before.emptyTables.has(t));
  if (notEmpty.length > 0) {
    throw new Error(
      `${notEmpty.join(', ')} already hold rows (an interrupted run?): bench:jobs seeds them and empties them afterwards`,
    );
  }
  state.restore = () => restoreAndReport(db, before);

  const runId = `${Date.now().toString(36)}${process.pid}`;
  const prefix = `bench-jobs-${runId}`;
  state.cleanups.push(() => deleteKeys(base.redisUrl, [prefix]));
  const smtp = await startSmtpSink();
  state.cleanups.push(() => smtp.close());
  const config = loadConfig({
    NODE_ENV: 'production',
    DATABASE_URL: url,
    DATABASE_POOL_SIZE: '4',
    REDIS_URL: base.redisUrl,
    QUEUE_PREFIX: prefix,
    WORKER_SCHEDULES: 'false',
    LOG_LEVEL: 'silent',
    JWT_SECRET: randomBytes(48).toString('base64url'),
    SMTP_URL: smtp.url,
  });
  const clock = new BenchClock();
  const app = await workerApp(config, clock);
  state.app = () => app.close();
  const maintenance = app.get(MaintenanceProcessor, { strict: false });
  const portal = app.get(PortalSyncProcessor, { strict: false });

  // --- seed ---
  const now = new Date();
  const today = toLocalDate(now);
  const yesterday = addLocalDays(today, -1);
  const firstNight = addLocalDays(yesterday, -(options.nights - 1));
  log(
    `seeding ${n(options.outbox)} relayed outbox events over 6 months (and their consumed_events), ${n(options.idempotency)} idempotency keys…`,
  );
  const hk = await timed(() => seedHousekeeping(seeder, now, options.outbox, options.idempotency));
  log(`  done in ${formatMs(hk.ms)}`);
  log(
    `seeding the history of every application touched since ${firstNight} (${options.nights} nights)…`,
  );
  const history = await timed(() => seedHistory(seeder, atLocalMillis(firstNight, 0), log));
  log(
    `  ${n(history.result.rows)} history rows for ${n(history.result.applications)} applications in ${formatMs(history.ms)}`,
  );
  await seeder.query(
    `ANALYZE application_history, outbox_events, consumed_events, idempotency_keys`,
  );
  const seeded = [
    `${n(options.outbox)} relayed outbox events, evenly over the last 6 months, in month partitions ` +
      `(as the nightly job keeps them), and ${n(hk.result.consumed)} consumed_events (one per event)`,
    `${n(options.idempotency)} idempotency keys over the last 48 hours (about half past the 24 h TTL)`,
    `the whole history (${n(history.result.rows)} rows, the generator's own lines) of the ` +
      `${n(history.result.applications)} applications with a history line since ${firstNight} ` +
      `(${options.nights} nights), in month partitions`,
    `set-up took ${formatMs(hk.ms)} + ${formatMs(history.ms)}`,
  ];

  // --- plans ---
  log('EXPLAIN of the jobs’ main queries…');
  const plans = await jobPlans(app, db, config, now, yesterday, firstNight, history.result.sample);
  for (const p of plans) {
    log(`  ${p.job} / ${p.name}: ${p.verdict.ok ? 'OK' : 'NO'} — ${p.verdict.text}`);
  }

  const rows: JobRow[] = [];
  const notes: string[] = [];
  const add = (row: JobRow) => {
    rows.push(row);
    log(`${row.job}: ${formatMs(row.ms)} — ${row.touched}`);
  };

  // --- deadline sweep (every minute) ---
  const sweepBatch = config.sweep.batchSize;
  for (const [label, what] of [
    [
      'deadline sweep, 1st run',
      'no alert stored yet: every reminder due is raised (as after a Redis loss)',
    ],
    ['deadline sweep, 2nd run', 'steady state: the minute after'],
  ] as const) {
    const { result, ms } = await timed(
      () =>
        maintenance.process(
          job(JobName.SweepDeadlines, { tick: new Date().toISOString() }),
        ) as Promise<{
          ran: boolean;
          examined: number;
          raised: number;
          escalated: number;
          stepAlerts: number;
          citizens: unknown;
        }>,
    );
    add({
      job: label,
      schedule: 'every minute',
      touched:
        `${what}; ${result.ran ? '' : 'DID NOT RUN (lock held); '}${n(result.examined)} candidates read, ` +
        `${n(result.raised)} alerts + ${n(result.escalated)} escalations raised, ${result.stepAlerts} step alerts; ` +
        `citizens ${JSON.stringify(result.citizens)}`,
      ms,
      bounded: `yes: ${Math.ceil((result.examined + 1) / sweepBatch)} page(s) of ≤ ${sweepBatch} from the open-due index, each batch's writes a short transaction`,
    });
  }

  // --- KPI reconciliation (nightly) ---
  const check = await reconciliationCheck(app, history.result.sample);
  if (check.changed > 0) {
    notes.push(
      `KPI reconciliation NOT run: recomputing ${check.checked} seeded applications (rolled back) changed ${check.changed}: the seeded history does not match the generated facts`,
    );
  } else {
    notes.push(
      `KPI reconciliation pre-check: ${check.checked} seeded applications recomputed in a rolled-back transaction, none changed (the seeded history is the generator's).`,
    );
    for (const [label, from] of [
      [`KPI reconciliation, yesterday (${yesterday})`, yesterday],
      [
        `KPI reconciliation, ${options.nights} missed nights (${firstNight} … ${yesterday})`,
        firstNight,
      ],
    ] as const) {
      // The watermark says the night before `from` was done: the job reconciles from..yesterday.
      await db.query(`DELETE FROM maintenance_watermarks WHERE job = 'kpi-reconciliation'`);
      if (from !== yesterday) {
        await db.query(
          `INSERT INTO maintenance_watermarks (job, done_through) VALUES ('kpi-reconciliation', $1)`,
          [addLocalDays(from, -1)],
        );
      }
      const { result, ms } = await timed(
        () =>
          maintenance.process(
            job(JobName.ReconcileKpi, { from: yesterday, to: yesterday, nightly: true }),
          ) as Promise<{
            checked: number;
            repaired: number;
            rollupDrift: number;
            from: string;
            to: string;
          } | null>,
      );
      add({
        job: label,
        schedule: 'nightly 01:30',
        touched: result
          ? `${result.from} … ${result.to}: ${n(result.checked)} applications recomputed, ${n(result.repaired)} repaired, ${n(result.rollupDrift)} roll-up counters adrift`
          : 'nothing to do (already reconciled)',
        ms,
        bounded: result
          ? `per night's touched applications: ${Math.ceil(result.checked / RECONCILE_BATCH)} transaction(s) of ≤ ${RECONCILE_BATCH}; ≤ ${NIGHTLY_CATCH_UP_DAYS} nights a run; plus the missing-facts check of its nights`
          : '—',
      });
    }
  }

  if (check.changed === 0) {
    // Received applications without facts: each night among its days' receptions; everywhere
    // only in the start-up run (once a day).
    const reconciliation = app.get(KpiReconciliationService, { strict: false });
    const nightly = await timed(() =>
      reconciliation.catchUpBetween(
        atLocalMillis(yesterday, 0),
        atLocalMillis(addLocalDays(yesterday, 1), 0),
      ),
    );
    add({
      job: 'of which: the missing-facts check of one night',
      schedule: 'in every nightly reconciliation, per night',
      touched: `${n(nightly.result.checked)} applications received ${yesterday} without facts found (the generator leaves none)`,
      ms: nightly.ms,
      bounded: "yes: the night's receptions through applications_received_at (see plans)",
    });
    const everywhere = await timed(() => reconciliation.catchUp());
    add({
      job: 'the missing-facts search over every application',
      schedule: 'the start-up reconciliation, once a day',
      touched: `${n(everywhere.result.checked)} received applications without facts found`,
      ms: everywhere.ms,
      bounded:
        'NO, on purpose: one anti-join of every received application with its facts (after an upgrade), once a day at most',
    });
  }

  // --- housekeeping (nightly) ---
  {
    const counts = async () =>
      (
        await db.query<{ o: number; c: number; k: number }>(
          `SELECT (SELECT count(*)::int FROM outbox_events) AS o, (SELECT count(*)::int FROM consumed_events) AS c,
                  (SELECT count(*)::int FROM idempotency_keys) AS k`,
        )
      ).rows[0];
    const rowsBefore = await counts();
    const { result, ms } = await timed(
      () =>
        maintenance.process(job(JobName.Housekeeping, { day: today })) as Promise<
          Array<{
            table: string;
            deleted: number;
            batches: number;
            leftOver: boolean;
            droppedMonths: string[];
          }>
        >,
    );
    const rowsAfter = await counts();
    add({
      job: 'housekeeping',
      schedule: 'nightly 02:45',
      touched:
        `rows before → after: outbox ${n(rowsBefore.o)} → ${n(rowsAfter.o)}, consumed ${n(rowsBefore.c)} → ${n(rowsAfter.c)}, ` +
        `idempotency keys ${n(rowsBefore.k)} → ${n(rowsAfter.k)}; ` +
        result
          .map(
            (o) =>
              `${o.table}: ${n(o.deleted)} deleted in ${o.batches} batch(es)` +
              (o.droppedMonths.length ? `, months ${o.droppedMonths.join(' ')} dropped` : ''),
          )
          .join('; '),
      ms,
      bounded:
        `yes: ≤ ${config.housekeeping.maxBatches} batches of ${n(config.housekeeping.batchSize)} per table` +
        (result.some((o) => o.leftOver)
          ? ' (left over for the next night)'
          : ', nothing left over'),
    });
  }

  // --- security retention (nightly) ---
  {
    const { result, ms } = await timed(
      () =>
        maintenance.process(job(JobName.PurgeSecurityRecords, { day: today })) as Promise<
          Record<string, number>
        >,
    );
    add({
      job: 'security retention (+ abandoned uploads)',
      schedule: 'nightly 02:15',
      touched: `${Object.entries(result)
        .map(([k, v]) => `${k} ${n(v)}`)
        .join(', ')} (the generator writes no audit rows, tokens or uploads)`,
      ms,
      bounded: 'audit purge by time index; uploads ≤ 1,000 a run',
    });
  }

  // --- e-mail digest (every quarter hour, office hours) ---
  {
    const calendar = await app.get(WorkingCalendarService, { strict: false }).current();
    const officeHours = app
      .get(WorkingCalendarService, { strict: false })
      .deadlinePolicy().officeHours;
    let at = now;
    for (let back = 0; !isWithinOfficeHours(at, calendar, officeHours) && back < 30; back++) {
      at = atLocalTime(addLocalDays(today, -back), 10);
    }
    clock.fixed = at.getTime() === now.getTime() ? null : at;
    const pending = await db.query(
      `SELECT count(*)::int AS n, count(DISTINCT user_id)::int AS users FROM notifications WHERE emailed_at IS NULL`,
    );
    // The generated staff have no e-mail address: each gets one for the digest, removed after.
    const addressed = await db.query<{ id: string }>(
      `UPDATE users SET email = username || '@bench-jobs.invalid' WHERE email IS NULL RETURNING id`,
    );
    const { result, ms } = await timed(
      () =>
        maintenance.process(job(JobName.SendEmailDigest, { tick: at.toISOString() })) as Promise<{
          ran: boolean;
          sent: number;
          items: number;
          capped: number;
          failed: number;
        }>,
    );
    clock.fixed = null;
    await db.query(`UPDATE users SET email = NULL WHERE id = ANY($1::uuid[])`, [
      addressed.rows.map((r) => r.id),
    ]);
    add({
      job: 'e-mail digest',
      schedule: 'every 15 min, office hours',
      touched:
        `${n(pending.rows[0].n)} unsent notifications (from the sweep's escalations) for ${pending.rows[0].users} users ` +
        `(${addressed.rowCount} given an address for the run): ` +
        `${result.ran ? '' : 'DID NOT RUN; '}${result.sent} digests sent (${smtp.mails.length} received by the SMTP sink), ` +
        `${n(result.items)} items, ${result.capped} capped, ${result.failed} failed` +
        (at === now ? '' : `; clock set to ${at.toISOString()} (office hours)`),
      ms,
      bounded: `one mail per recipient, ≤ ${config.mail.dailyCapPerRecipient} a day; the oldest ${DIGEST_LISTED_ITEMS} unsent items listed and read per recipient, the rest counted`,
    });
  }

  // --- portal reconciliation (nightly) ---
  {
    const { result, ms } = await timed(() =>
      portal.process(job(JobName.PortalReconcile, { day: today })),
    );
    add({
      job: 'portal reconciliation',
      schedule: 'nightly 02:45',
      touched:
        result === null
          ? 'not configured (no DVCQG_BASE_URL): returns at once; the generator writes no portal_sync_records'
          : JSON.stringify(result),
      ms,
      bounded: `≤ ${n(config.national.dvcqg.reconcileLimit)} dossiers a run, ≤ ${config.national.dvcqg.reconcileMaxDays} days back, pages of 500 by occurred_at`,
    });
  }

  add({
    job: 'period closing',
    schedule: 'nightly 00:45',
    touched:
      'not run here: closing a quarter and a year is what bench:metrics measures (POST /metrics/periods/close, the same PeriodClosingService.close → freeze)',
    ms: null,
    bounded: `periods ended within KPI_CLOSE_LOOKBACK_DAYS (${config.kpi.closeLookbackDays}) and not closed; each one exact count`,
  });

  state.app = null;
  await app.close();
  const restored = await restoreAndReport(db, before);
  state.restore = null;
  notes.push(`Afterwards: ${restored.join('; ')}.`);

  const markdown = renderJobsReport(
    {
      date: new Date(),
      machine: `${cpus().length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, PostgreSQL ${pgVersion}`,
      dataSet: `${n(marker.applications)} applications received ${marker.firstDay} … ${marker.lastDay} (generated ${marker.generatedAt.slice(0, 16)})`,
      seeded,
      loadAverage: { before: loadBefore, after: loadavg()[0] },
      notes,
    },
    rows,
    plans,
    options.plans,
  );
  process.stdout.write(`\n${markdown}`);
  writeReport(RESULTS_FILE, markdown);
  log(`written to ${RESULTS_FILE}`);
  if (plans.some((p) => !p.verdict.ok)) {
    log('some job query plans read a large table whole (see the table)');
  }
}

async function restoreAndReport(db: Client, before: DatabaseState): Promise<string[]> {
  log('restoring the database…');
  const done = await restore(db, before);
  log(`  ${done.join('; ')}`);
  return done;
}

/** The worker's own modules (schedules off), with the clock replaced; processors not started on work. */
async function workerApp(config: AppConfig, clock: Clock): Promise<NestFastifyApplication> {
  applyWorkerOptions(PROCESSORS, config);
  const moduleRef = await Test.createTestingModule({ imports: [WorkerModule.register(config)] })
    .overrideProvider(Clock)
    .useValue(clock)
    .compile();
  const app = moduleRef.createNestApplication<NestFastifyApplication>(new FastifyAdapter(), {
    logger: false,
    abortOnError: false,
  });
  await app.init();
  return app;
}

/**
 * The KPI reconciliation's own recomputation of a sample of the seeded applications, in a
 * transaction rolled back: 0 changed proves that the seeded history gives the stored facts,
 * so the job will not rewrite the generated tables.
 */
async function reconciliationCheck(
  app: NestFastifyApplication,
  sample: string[],
): Promise<{ checked: number; changed: number }> {
  const repository = app.get(KpiFactsRepository, { strict: false });
  const facts = app.get(KpiFactsService, { strict: false });
  const rollups = app.get(KpiRollupRepository, { strict: false });
  const ctx = await app.get(K1ContextProvider, { strict: false }).context();
  let changed = -1;
  await repository
    .transaction(async (scope) => {
      changed = (await facts.recompute(scope, rollups, sample, ctx, new Date(), 'bench-check'))
        .changed;
      throw new Error('roll back');
    })
    .catch(() => undefined);
  if (changed < 0) {
    throw new Error('the reconciliation pre-check failed');
  }
  return { checked: sample.length, changed };
}

async function jobPlans(
  app: NestFastifyApplication,
  db: Client,
  config: AppConfig,
  now: Date,
  yesterday: string,
  firstNight: string,
  sample: string[],
): Promise<ExplainedQuery[]> {
  const get = <T>(type: new (...args: never[]) => T) => app.get(type, { strict: false });
  const calendars = get(WorkingCalendarService);
  const calendar = await calendars.current();
  const running = runningClockStatuses(config.rules);
  const scope = (manager: never) => new TransactionScope(manager);
  const batch = config.sweep.batchSize;
  const day = (d: string) => atLocalMillis(d, 0);
  const plans: Array<[string, string, (manager: never) => Promise<unknown>]> = [
    [
      'deadline sweep',
      'alert candidates (first page)',
      (m) =>
        new DeadlineAlertRepository(m).findAlertCandidates(
          scope(m),
          running,
          alertsDueBefore(now, calendar, calendars.deadlinePolicy()),
          null,
          batch,
        ),
    ],
    [
      'deadline sweep',
      'level-4 candidates (first page)',
      (m) =>
        new EscalationRepository(m).level4Candidates(
          scope(m),
          running,
          overdueByWorkingDaysDueBefore(now, config.escalations.overdueWorkingDays, calendar),
          null,
          batch,
        ),
    ],
    [
      'deadline sweep',
      'running without a due date',
      (m) => new DeadlineAlertRepository(m).findRunningWithoutDueDate(scope(m), running, 20),
    ],
    [
      'KPI reconciliation',
      `applications touched on ${yesterday}`,
      (m) =>
        new KpiFactsRepository(m).findTouchedBetween(
          day(yesterday),
          day(addLocalDays(yesterday, 1)),
        ),
    ],
    [
      'KPI reconciliation',
      `applications touched ${firstNight} … ${yesterday}`,
      (m) =>
        new KpiFactsRepository(m).findTouchedBetween(
          day(firstNight),
          day(addLocalDays(yesterday, 1)),
        ),
    ],
    [
      'KPI reconciliation',
      `received ${yesterday} without facts (nightly check page)`,
      (m) =>
        new KpiFactsRepository(m).findReceivedWithoutFactsBetween(
          day(yesterday),
          day(addLocalDays(yesterday, 1)),
          null,
          RECONCILE_BATCH,
        ),
    ],
    [
      'KPI reconciliation',
      'roll-up drift (yesterday, sample of touched)',
      (m) => new KpiFactsRepository(m).rollupDrift(yesterday, yesterday, sample),
    ],
    [
      'housekeeping',
      'idempotency keys batch',
      (m) =>
        new HousekeepingRepository(m).purgeBatch(
          'idempotency_keys',
          new Date(now.getTime() - 86_400_000),
          config.housekeeping.batchSize,
        ),
    ],
    [
      'housekeeping',
      'outbox DEFAULT partition batch',
      (m) =>
        new HousekeepingRepository(m).purgeBatch(
          'outbox_events',
          new Date(now.getTime() - 30 * 86_400_000),
          config.housekeeping.batchSize,
        ),
    ],
    [
      'housekeeping',
      'consumed_events DEFAULT partition batch',
      (m) =>
        new HousekeepingRepository(m).purgeBatch(
          'consumed_events',
          new Date(now.getTime() - 30 * 86_400_000),
          config.housekeeping.batchSize,
        ),
    ],
    [
      'e-mail digest',
      'pending digests',
      (m) =>
        new NotificationRepository(m).pendingDigests(
          scope(m),
          atLocalTime(toLocalDate(now), 0),
          DIGEST_LISTED_ITEMS,
        ),
    ],
    [
      'portal reconciliation',
      'changed since the last run (page)',
      (m) =>
        new PortalSyncRepository(m, config).changedBetween(
          new Date(now.getTime() - 86_400_000),
          now,
          null,
          500,
        ),
    ],
  ];
  const explained: ExplainedQuery[] = [];
  for (const [jobName, name, call] of plans) {
    const query = await captureQuery(call).catch((error: Error) => {
      throw new Error(`${jobName} / ${name}: ${error.message}`);
    });
    explained.push(await explain(db, jobName, name, query));
  }
  return explained;
}

interface Teardown {
  /** Closes the worker's application (its pool first: the restore truncates what it wrote). */
  app: (() => Promise<unknown>) | null;
  restore: (() => Promise<unknown>) | null;
  cleanups: Array<() => Promise<unknown>>;
}

function runWithTeardown(): void {
  const state: Teardown = { app: null, restore: null, cleanups: [] };
  let tornDown: Promise<void> | null = null;
  const teardown = () =>
    (tornDown ??= (async () => {
      // The worker's application first, then the database's restore, then the rest.
      await state.app?.().catch((error: Error) => log(`closing the worker: ${error.message}`));
      await state.restore?.().catch((error: Error) => log(`RESTORING FAILED: ${error.message}`));
      for (const cleanup of [...state.cleanups].reverse()) {
        await cleanup().catch((error: Error) => log(`clean-up: ${error.message}`));
      }
    })());
  const abort = (reason: string) => {
    log(reason);
    void teardown().finally(() => process.exit(1));
  };
  process.once('SIGINT', () => abort('interrupted; restoring the database'));
  process.once('SIGTERM', () => abort('terminated; restoring the database'));
  main(state)
    .then(() => 0)
    .catch((error: unknown) => {
      log(`FAILED: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      return 1;
    })
    .then(async (exitCode) => {
      await teardown();
      process.exit(exitCode);
    })
    .catch(() => process.exit(1));
}

runWithTeardown();
