import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import {
  ApiLaunch,
  ApiProcess,
  freePort,
  isSourceLaunch,
  prepareApiLaunch,
  sourceLaunch,
} from './api-process';
import { obtainAccessToken } from './access-token';
import { runApiLoad } from './api-load';
import {
  createBenchDatabase,
  dropBenchDatabase,
  serverVersion,
  truncateIntakeTables,
  withBenchDatabase,
} from './bench-database';
import { runCeiling } from './ceiling';
import { cpuProfilePreloads } from './cpu-profile';
import {
  BenchActor,
  DEPARTMENT_COUNT,
  intakeBodies,
  PROCEDURE_COUNT,
  RECEPTION_USER,
  seedCatalog,
} from './dataset';
import { renderReport, writeReport } from './report';
import { benchDatabaseUrl, BenchSettings, readSettings } from './settings';

/**
 * `npm run bench:intake`: the API's intake throughput against the database's ceiling for the
 * same statements, measured in one run on this machine. See bench/README.md.
 */
const RESULTS_FILE = join(__dirname, 'results', 'latest.md');
// A secret of this run only: the API runs with NODE_ENV=production, which refuses a published one.
const JWT_SECRET = randomBytes(48).toString('base64url');
/** Set-up (build, migrations, API start, fallback start) on top of the measured rows. */
const SETUP_BUDGET_SECONDS = 900;

const log = (line: string) => process.stderr.write(`[bench:intake] ${line}\n`);

async function main(settings: BenchSettings, state: { api: ApiProcess | null }): Promise<void> {
  const loadBefore = loadavg()[0];
  log(`creating database ${settings.databaseName} and running migrations…`);
  await createBenchDatabase(settings);
  const actor: BenchActor = await withBenchDatabase(settings, seedCatalog);
  const bodies = intakeBodies();

  const extras = extraApiPreloads(settings);
  const { api, launch } = await startApi(settings, state, extras.preloads);
  const { token, how: tokenHow } = await obtainAccessToken(api.baseUrl, RECEPTION_USER, {
    secret: JWT_SECRET,
    claims: {
      sub: actor.id,
      username: RECEPTION_USER.username,
      role: actor.role,
      departmentId: null,
    },
  });
  await checkOneIntake(api.baseUrl, token, JSON.stringify(bodies[0]));

  const common = {
    connections: settings.connections,
    warmupSeconds: settings.warmupSeconds,
    durationSeconds: settings.durationSeconds,
  };
  log(
    `API: ${common.connections} connections, ${common.warmupSeconds} s warm-up + ${common.durationSeconds} s…`,
  );
  const apiResult = await withBenchDatabase(settings, (db) =>
    runApiLoad(
      {
        ...common,
        baseUrl: api.baseUrl,
        apiPid: api.pid ?? null,
        token,
        bodies,
        onMeasuring: settings.cpuProfileDir
          ? async (phase) => {
              const reply = await api.request({ cpuProfile: phase });
              if (phase === 'end') {
                log(`CPU profile of the measured window: ${reply.path ?? reply.reason}`);
              }
            }
          : undefined,
      },
      db,
    ),
  );
  await api.stop();
  state.api = null;

  const ceilingRow = (groupCommit: boolean) =>
    withBenchDatabase(settings, async (db) => {
      await truncateIntakeTables(db);
      log(`ceiling${groupCommit ? ' (group commit)' : ''}: ${common.connections} workers…`);
      return runCeiling(
        {
          databaseUrl: benchDatabaseUrl(settings),
          poolSize: settings.poolSize,
          workers: common.connections,
          warmupSeconds: common.warmupSeconds,
          durationSeconds: common.durationSeconds,
          bodies,
          actor,
          prepared: true,
          groupCommit,
        },
        db,
      );
    });
  // The API runs intake as a named prepared statement, so the ceiling does too. Issue 14 set the
  // API's goal against one statement per intake; the grouped row shows the grouping's worth.
  const ceiling = await ceilingRow(false);
  const grouped = await ceilingRow(true);

  const postgres = await withBenchDatabase(settings, serverVersion);
  const memoryGiB = Math.round(totalmem() / 2 ** 30);
  const markdown = renderReport(
    {
      date: new Date(),
      machine: `${cpus().length} cores, ${memoryGiB} GiB, Node ${process.version}, PostgreSQL ${postgres}`,
      apiLaunch: [launch.mode, ...extras.notes].join('; '),
      tokenHow,
      ...common,
      poolSize: settings.poolSize,
      departments: DEPARTMENT_COUNT,
      procedures: PROCEDURE_COUNT,
      loadAverage: { before: loadBefore, after: loadavg()[0] },
    },
    apiResult,
    ceiling,
    grouped,
  );
  process.stdout.write(`\n${markdown}`);
  writeReport(RESULTS_FILE, markdown);
  log(`written to ${RESULTS_FILE}`);
}

/** Starts the API and waits until it is ready; a built bundle that will not start falls back. */
async function startApi(
  settings: BenchSettings,
  state: { api: ApiProcess | null },
  extraPreloads: string[],
): Promise<{ api: ApiProcess; launch: ApiLaunch }> {
  let launch = await prepareApiLaunch(log);
  const env = {
    DATABASE_URL: benchDatabaseUrl(settings),
    DATABASE_POOL_SIZE: String(settings.poolSize),
    REDIS_URL: settings.redisUrl,
    LOG_LEVEL: 'warn',
    NODE_ENV: 'production',
    JWT_SECRET,
    // The machine's Redis (often without AOF): durability is not what this measures.
    REDIS_CHECK_SETTINGS: 'false',
    ...(settings.cpuProfileDir ? { BENCH_CPU_PROFILE_DIR: settings.cpuProfileDir } : {}),
  };
  for (;;) {
    const port = settings.port || (await freePort());
    log(`starting the API on 127.0.0.1:${port}: ${launch.mode}`);
    const api = ApiProcess.start(launch, port, env, {
      extraPreloads,
      ipc: settings.cpuProfileDir !== null,
    });
    state.api = api;
    try {
      await api.waitUntilReady();
      return { api, launch };
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

/** Preloads for a profiled run or a what-if variant of the API, and how the report names them. */
function extraApiPreloads(settings: BenchSettings): { preloads: string[]; notes: string[] } {
  const preloads: string[] = [];
  const notes: string[] = [];
  if (settings.cpuProfileDir) {
    preloads.push(...cpuProfilePreloads());
    notes.push('under the CPU profiler (slower)');
  }
  if (settings.variant === 'jwt-key-object') {
    preloads.push('@swc-node/register', join(__dirname, 'jwt-key-object-preload.ts'));
    notes.push(
      '**VARIANT jwt-key-object**: JWT secret as a KeyObject (bench preload, not the shipped code)',
    );
  }
  return { preloads, notes };
}

/** One request before the load: a wrong body or token fails here, not after 30 s of 4xx. */
async function checkOneIntake(baseUrl: string, token: string, body: string): Promise<void> {
  const response = await fetch(`${baseUrl}/api/v1/applications`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body,
    signal: AbortSignal.timeout(10_000),
  });
  if (response.status !== 201) {
    throw new Error(`a single intake answered ${response.status}: ${await response.text()}`);
  }
}

function runWithTeardown(): void {
  const settings = readSettings();
  const state: { api: ApiProcess | null } = { api: null };
  let tornDown: Promise<void> | null = null;
  const teardown = () =>
    (tornDown ??= (async () => {
      await state.api?.stop().catch((error: Error) => log(`stopping the API: ${error.message}`));
      await dropBenchDatabase(settings).catch((error: Error) =>
        log(`dropping ${settings.databaseName}: ${error.message}`),
      );
    })());
  const abort = (reason: string) => {
    log(reason);
    void teardown().finally(() => process.exit(1));
  };
  const perRowSeconds = settings.warmupSeconds + settings.durationSeconds + 20;
  const budgetSeconds = SETUP_BUDGET_SECONDS + 3 * perRowSeconds;
  const watchdog = setTimeout(
    () => abort(`gave up after ${budgetSeconds} s; tearing down`),
    budgetSeconds * 1000,
  );
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
      clearTimeout(watchdog);
      process.exit(exitCode);
    })
    .catch(() => process.exit(1));
}

runWithTeardown();
