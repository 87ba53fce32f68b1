import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { MIGRATIONS } from '@app/database/migrations';
import { obtainAccessToken } from '../intake/access-token';
import {
  ApiProcess,
  freePort,
  isSourceLaunch,
  prepareApiLaunch,
  sourceLaunch,
} from '../intake/api-process';
import { dropBenchDatabase, serverVersion } from '../intake/bench-database';
import { writeReport } from '../intake/report';
import { benchDatabaseUrl } from '../intake/settings';
import { DIRECTOR, loadCalendar, loadCatalog } from './catalog';
import { performance } from 'node:perf_hooks';
import { benchCases, benchPeriods, ClosedPeriod } from './cases';
import { checkBasis } from './checks';
import { generate } from './generate';
import { readMarker } from './marker';
import { Latencies, measure, summarise, timedGet } from './measure';
import { repeat } from './naive';
import { EndpointResult, renderMetricsReport } from './report';
import { MetricsBenchSettings, readMetricsSettings } from './settings';
import { openSummary } from './verify';

/**
 * `npm run bench:metrics`: latency of the managers' metrics endpoints over the generated data
 * set (bench:metrics:generate, run first if needed) against the naive queries over the
 * applications table, in one run on this machine. See bench/README.md.
 */
const RESULTS_FILE = join(__dirname, 'results', 'latest.md');
// A secret of this run only: the API runs with NODE_ENV=production, which refuses a published one.
const JWT_SECRET = randomBytes(48).toString('base64url');
const WARMUP_REQUESTS = 20;

const log = (line: string) => process.stderr.write(`[bench:metrics] ${line}\n`);

async function main(settings: MetricsBenchSettings, state: { api: ApiProcess | null }) {
  const loadBefore = loadavg()[0];
  await generate(settings);
  const marker = await readMarker(settings.base);
  const url = benchDatabaseUrl(settings.base);
  await migrate(url);

  const db = new Client({ connectionString: url });
  await db.connect();
  try {
    const catalog = await loadCatalog(db);
    const calendar = await loadCalendar(db);
    const open = await openSummary(db);
    const pgVersion = await serverVersion(db);

    const api = await startApi(settings, state);
    const { token, how: tokenHow } = await obtainAccessToken(api.baseUrl, DIRECTOR, {
      secret: JWT_SECRET,
      claims: { sub: catalog.directorId, username: DIRECTOR.username, role: 'director' },
    });

    // Closures left by an earlier run on a kept data set: the 'open' cases need none.
    // They are append-only (a trigger refuses TRUNCATE): this is the bench's own database, so
    // its triggers are switched off for the one statement.
    await db.query('BEGIN');
    await db.query(`SET LOCAL session_replication_role = replica`);
    await db.query(
      `TRUNCATE kpi_period_adjustments, kpi_period_figures, kpi_period_closures, kpi_k1_changes`,
    );
    await db.query('COMMIT');
    const now = new Date();
    const cases = benchCases(db, calendar, now);
    const measured: Array<{ answer: string; sequential: Latencies; concurrent: Latencies | null }> =
      [];
    const closing: string[] = [];
    for (const stage of ['open', 'closed'] as const) {
      if (stage === 'closed') {
        for (const p of benchPeriods(now).toClose) {
          const started = performance.now();
          await closePeriod(api.baseUrl, token, p);
          const ms = performance.now() - started;
          closing.push(`${p.kind} ${p.n}/${p.year}: ${(ms / 1000).toFixed(1)} s`);
          log(`closed ${p.kind} ${p.n}/${p.year} in ${(ms / 1000).toFixed(1)} s`);
        }
      }
      for (const [i, c] of cases.entries()) {
        if (c.stage !== stage) {
          continue;
        }
        const endpoint = `${api.baseUrl}/api/v1/metrics/${c.path}`;
        const call = async () => (await timedGet(endpoint, token)).ms;
        // The exact computation of a quarter is the slow path: fewer requests, none in parallel.
        const requests =
          c.basis === 'computed' ? Math.min(settings.requests, 20) : settings.requests;
        log(`${c.name}: ${WARMUP_REQUESTS} warm-up + ${requests} requests…`);
        const answer = (await timedGet(endpoint, token)).body;
        await measure(call, c.basis === 'computed' ? 2 : WARMUP_REQUESTS, 1);
        const sequential = await measure(call, requests, 1);
        const concurrent =
          settings.concurrency > 1 && c.basis !== 'computed'
            ? await measure(call, requests, settings.concurrency)
            : null;
        log(`  p50 ${sequential.p50.toFixed(1)} ms, p99 ${sequential.p99.toFixed(1)} ms`);
        measured[i] = { answer, sequential, concurrent };
      }
    }
    await api.stop();
    state.api = null;

    const runs = settings.naiveRepetitions;
    log(`naive queries, ${runs} runs each after one untimed run…`);
    const results: EndpointResult[] = [];
    for (const [i, c] of cases.entries()) {
      const naive = await repeat(runs, c.naive, (ms) =>
        log(`  naive for ${c.name}: ${ms.toFixed(0)} ms`),
      );
      const basis = checkBasis(measured[i].answer, c.basis);
      const check = basis.ok ? naive.result(measured[i].answer) : basis;
      results.push({
        name: c.name,
        judged: c.judged,
        sequential: measured[i].sequential,
        concurrent: measured[i].concurrent,
        naiveName: c.naiveName,
        naive: summarise(naive.samples, 1),
        check: check.detail,
        checkOk: check.ok,
      });
    }
    const n = (value: number) => value.toLocaleString('en-US');
    const markdown = renderMetricsReport(
      {
        date: new Date(),
        machine: `${cpus().length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, PostgreSQL ${pgVersion}`,
        dataSet:
          `${n(marker?.applications ?? 0)} applications received ${marker?.firstDay} … ${marker?.lastDay} ` +
          `(generated ${marker?.generatedAt.slice(0, 16)}), ${catalog.departmentIds.length} departments, ` +
          `${catalog.procedures.length} procedures, 3 channels; ${n(open.open)} open now, ` +
          `${n(open.overdue)} of them past their appointment`,
        apiLaunch: api.launchMode,
        tokenHow,
        requests: settings.requests,
        concurrency: settings.concurrency,
        naiveRepetitions: runs,
        loadAverage: { before: loadBefore, after: loadavg()[0] },
        closing,
      },
      results,
    );
    process.stdout.write(`\n${markdown}`);
    writeReport(RESULTS_FILE, markdown);
    log(`written to ${RESULTS_FILE}`);
    if (results.some((r) => !r.checkOk)) {
      throw new Error('an endpoint answered differently from its naive query (see the table)');
    }
  } finally {
    await db.end().catch(() => undefined);
  }
}

/** POST /metrics/periods/close as the director: what the nightly job does for ended periods. */
async function closePeriod(baseUrl: string, token: string, p: ClosedPeriod): Promise<void> {
  const response = await fetch(`${baseUrl}/api/v1/metrics/periods/close`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ ...p, note: 'bench:metrics' }),
    signal: AbortSignal.timeout(900_000),
  });
  if (response.status !== 200) {
    throw new Error(
      `closing ${p.kind} ${p.n}/${p.year} answered ${response.status}: ${await response.text()}`,
    );
  }
}

/** Applies migrations added since the data set was generated (an index, a roll-up table). */
async function migrate(url: string): Promise<void> {
  const dataSource = new DataSource({
    type: 'postgres',
    url,
    migrations: MIGRATIONS,
    migrationsTableName: 'typeorm_migrations',
  });
  await dataSource.initialize();
  try {
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    if (applied.length > 0) {
      log(`applied migrations: ${applied.map((m) => m.name).join(', ')}`);
    }
  } finally {
    await dataSource.destroy();
  }
}

/** The built API (built first if stale); its TypeScript sources if the bundle will not start. */
async function startApi(
  settings: MetricsBenchSettings,
  state: { api: ApiProcess | null },
): Promise<ApiProcess & { launchMode: string }> {
  let launch = await prepareApiLaunch(log);
  const env = {
    DATABASE_URL: benchDatabaseUrl(settings.base),
    DATABASE_POOL_SIZE: String(settings.base.poolSize),
    REDIS_URL: settings.base.redisUrl,
    LOG_LEVEL: 'warn',
    NODE_ENV: 'production',
    JWT_SECRET,
    // The machine's Redis (often without AOF): durability is not what this measures.
    REDIS_CHECK_SETTINGS: 'false',
  };
  for (;;) {
    const port = settings.base.port || (await freePort());
    log(`starting the API on 127.0.0.1:${port}: ${launch.mode}`);
    const api = ApiProcess.start(launch, port, env, { extraPreloads: [], ipc: false });
    state.api = api;
    try {
      await api.waitUntilReady();
      return Object.assign(api, { launchMode: launch.mode });
    } catch (error) {
      await api.stop();
      if (isSourceLaunch(launch)) {
        throw error;
      }
      log(`the built API did not start (${api.firstError()}); falling back to swc-node`);
      launch = sourceLaunch(`the built API did not start: ${api.firstError()}`);
    }
  }
}

function runWithTeardown(): void {
  const settings = readMetricsSettings();
  const state: { api: ApiProcess | null } = { api: null };
  let tornDown: Promise<void> | null = null;
  const teardown = () =>
    (tornDown ??= (async () => {
      await state.api?.stop().catch((error: Error) => log(`stopping the API: ${error.message}`));
      if (settings.drop) {
        await dropBenchDatabase(settings.base).catch((error: Error) =>
          log(`dropping ${settings.base.databaseName}: ${error.message}`),
        );
      }
    })());
  const abort = (reason: string) => {
    log(reason);
    void teardown().finally(() => process.exit(1));
  };
  process.once('SIGINT', () => abort('interrupted; tearing down'));
  process.once('SIGTERM', () => abort('terminated; tearing down'));
  // Whatever goes wrong, the API process must not be left running.
  process.once('uncaughtException', (error) => abort(`crashed: ${error.stack ?? error.message}`));
  process.once('unhandledRejection', (reason) => abort(`crashed: ${String(reason)}`));
  main(settings, state)
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
