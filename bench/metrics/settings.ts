import { BenchSettings, readSettings } from '../intake/settings';

/**
 * What bench:metrics:generate and bench:metrics run with: BENCH_* environment variables or
 * `--name=value` arguments, on top of the intake bench's connection settings (database server,
 * Redis, pool size, port; see bench/intake/settings.ts).
 */
export interface MetricsBenchSettings {
  base: BenchSettings;
  /** Applications the generator writes (and run.ts expects). */
  applications: number;
  /** Regenerate even when the database already holds the requested size. */
  force: boolean;
  /** Sequential measured requests per endpoint. */
  requests: number;
  /** Repetitions of each naive query (each takes seconds at 10 M). */
  naiveRepetitions: number;
  /** Requests in flight for the concurrent pass (0: skip it). */
  concurrency: number;
  /** Drop the bench database after the run (it is kept by default: generating takes minutes). */
  drop: boolean;
  /** PRNG seed of the generator: the same seed and day give the same data set. */
  seed: number;
}

export const METRICS_DATABASE = 'motcua_bench_metrics';

export function readMetricsSettings(
  argv: string[] = process.argv.slice(2),
  env: NodeJS.ProcessEnv = process.env,
): MetricsBenchSettings {
  const args = new Map(
    argv
      .filter((arg) => arg.startsWith('--'))
      .map((arg) => {
        const [name, ...value] = arg.slice(2).split('=');
        return [name, value.length === 0 ? 'true' : value.join('=')] as const;
      }),
  );
  const pick = (arg: string, variable: string) => args.get(arg) ?? env[variable];
  // The intake settings read only what they know; pool size and port come through as is.
  const base = readSettings(
    argv.filter((arg) => /^--(database-url|redis-url|pool-size|port)=/.test(arg)),
    env,
  );
  // Another name keeps a 10 M data set while developing with a small one, e.g.
  // BENCH_METRICS_DATABASE=motcua_bench_metrics_dev BENCH_APPLICATIONS=200000.
  const databaseName = pick('database', 'BENCH_METRICS_DATABASE') ?? METRICS_DATABASE;
  if (!/^motcua_bench_metrics\w*$/.test(databaseName)) {
    throw new Error(`bench:metrics: the database name must start with ${METRICS_DATABASE}`);
  }
  return {
    base: { ...base, databaseName },
    applications: count(pick('applications', 'BENCH_APPLICATIONS'), 10_000_000, 'applications'),
    force: flag(pick('force', 'BENCH_FORCE')),
    requests: count(pick('requests', 'BENCH_REQUESTS'), 200, 'requests'),
    naiveRepetitions: count(pick('naive', 'BENCH_NAIVE_REPETITIONS'), 5, 'naive repetitions'),
    concurrency: count(pick('concurrency', 'BENCH_CONCURRENCY'), 4, 'concurrency', true),
    drop: flag(pick('drop', 'BENCH_DROP')),
    seed: count(pick('seed', 'BENCH_SEED'), 20261129, 'seed'),
  };
}

function flag(raw: string | undefined): boolean {
  return raw !== undefined && ['1', 'true', 'yes'].includes(raw.toLowerCase());
}

function count(raw: string | undefined, fallback: number, what: string, zero = false): number {
  if (raw === undefined || raw === '') {
    return fallback;
  }
  const value = Number(raw.replace(/_/g, ''));
  if (!Number.isInteger(value) || value < (zero ? 0 : 1)) {
    throw new Error(
      `bench:metrics: ${what} must be a positive integer, got ${JSON.stringify(raw)}`,
    );
  }
  return value;
}
