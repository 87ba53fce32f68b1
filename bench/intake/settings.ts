import { type AppConfig, loadConfig } from '@app/config';
/**
 * What the intake benchmark runs with: BENCH_* environment variables or `--name=value`
 * arguments (`npm run bench:intake -- --duration=10 --connections=16`).
 */
export interface BenchSettings {
  /** Seconds of measured load per row of the table (after the warm-up). */
  durationSeconds: number;
  warmupSeconds: number;
  /** Concurrent HTTP connections for the API, concurrent workers for the ceiling. */
  connections: number;
  /** The API's DATABASE_POOL_SIZE, and the ceiling's pg Pool size. */
  poolSize: number;
  /** Port for the API process; 0 picks a free one. */
  port: number;
  /** Admin connection (the `postgres` database) on 127.0.0.1; the bench database is created beside it. */
  adminDatabaseUrl: string;
  redisUrl: string;
  databaseName: string;
  /** Writes a CPU profile of the API under load into this folder (see cpu-profile.ts). */
  cpuProfileDir: string | null;
  /** A what-if preloaded into the API (see jwt-key-object-preload.ts); 'none' measures it as is. */
  variant: ApiVariant;
}

export const API_VARIANTS = ['none', 'jwt-key-object'] as const;
export type ApiVariant = (typeof API_VARIANTS)[number];

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

export function readSettings(
  argv: string[] = process.argv.slice(2),
  env: NodeJS.ProcessEnv = process.env,
): BenchSettings {
  const args = new Map(
    argv
      .filter((arg) => arg.startsWith('--'))
      .map((arg) => {
        const [name, ...value] = arg.slice(2).split('=');
        return [name, value.join('=')] as const;
      }),
  );
  const pick = (arg: string, variable: string): string | undefined =>
    args.get(arg) ?? env[variable];
  const databaseUrl = new URL(
    pick('database-url', 'BENCH_DATABASE_URL') ??
      env.DATABASE_URL ??
      'postgres://postgres@127.0.0.1:5432/postgres',
  );
  databaseUrl.pathname = '/postgres';
  const redisUrl = pick('redis-url', 'BENCH_REDIS_URL') ?? 'redis://127.0.0.1:6379';
  for (const url of [databaseUrl.toString(), redisUrl]) {
    if (!LOOPBACK_HOSTS.has(new URL(url).hostname)) {
      throw new Error(`bench:intake only talks to this machine; ${url} is not a loopback address`);
    }
  }
  return {
    durationSeconds: positiveInt(pick('duration', 'BENCH_DURATION'), 30, 'duration'),
    warmupSeconds: positiveInt(pick('warmup', 'BENCH_WARMUP'), 3, 'warmup'),
    connections: positiveInt(pick('connections', 'BENCH_CONNECTIONS'), 32, 'connections'),
    poolSize: positiveInt(pick('pool-size', 'DATABASE_POOL_SIZE'), 20, 'pool size'),
    port: positiveInt(pick('port', 'BENCH_PORT'), 0, 'port', true),
    adminDatabaseUrl: databaseUrl.toString(),
    redisUrl,
    databaseName: 'motcua_bench_intake',
    cpuProfileDir: pick('cpu-prof', 'BENCH_CPU_PROF') || null,
    variant: apiVariant(pick('variant', 'BENCH_VARIANT')),
  };
}

function apiVariant(raw: string | undefined): ApiVariant {
  const variant = (raw || 'none') as ApiVariant;
  if (!API_VARIANTS.includes(variant)) {
    throw new Error(`bench:intake: variant must be one of ${API_VARIANTS.join(', ')}`);
  }
  return variant;
}

function positiveInt(
  raw: string | undefined,
  fallback: number,
  what: string,
  zeroAllowed = false,
): number {
  if (raw === undefined || raw === '') {
    return fallback;
  }
  const value = Number(raw);
  if (!Number.isInteger(value) || value < (zeroAllowed ? 0 : 1)) {
    throw new Error(`bench:intake: ${what} must be a positive integer, got ${JSON.stringify(raw)}`);
  }
  return value;
}

/** The bench database's URL, next to the admin one. */
export function benchDatabaseUrl(settings: BenchSettings): string {
  const url = new URL(settings.adminDatabaseUrl);
  url.pathname = `/${settings.databaseName}`;
  return url.toString();
}

/**
 * The intake group commit as the API would run it here: its defaults, or INTAKE_GROUP_MAX_BATCH
 * and INTAKE_GROUP_IN_FLIGHT when set (read by the config loader, so a bad value is refused).
 */
export function intakeGroupCommitSettings(): AppConfig['database']['intakeGroupCommit'] {
  const { INTAKE_GROUP_MAX_BATCH, INTAKE_GROUP_IN_FLIGHT } = process.env;
  return loadConfig({ INTAKE_GROUP_MAX_BATCH, INTAKE_GROUP_IN_FLIGHT }).database.intakeGroupCommit;
}
