import { execSync } from 'node:child_process';
import net from 'node:net';

export const DATABASE_URL =
  process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
/**
 * Set by `npm run drill:replica`: a streaming replica of DATABASE_URL's server. Every API a test
 * starts then reads its database on the replica too (DATABASE_READ_URL).
 */
export const READ_REPLICA_URL = process.env.TEST_READ_REPLICA_URL ?? null;

/** How the drill's replica is run (synchronous or not), for the APIs the tests start. */
export const READ_REPLICA_ENV: Record<string, string> = process.env.DATABASE_READ_SYNCHRONOUS
  ? { DATABASE_READ_SYNCHRONOUS: process.env.DATABASE_READ_SYNCHRONOUS }
  : {};

/** The replica's URL of one database (same name as on the primary), if a drill runs one. */
export function replicaUrlOf(databaseUrl: string): string | null {
  if (!READ_REPLICA_URL) {
    return null;
  }
  const url = new URL(READ_REPLICA_URL);
  url.pathname = new URL(databaseUrl).pathname;
  return url.toString();
}

/** Set by `npm run drill:pgbouncer`: PgBouncer (transaction mode) in front of DATABASE_URL's server. */
export const PGBOUNCER_URL = process.env.TEST_PGBOUNCER_URL ?? null;

/** How many intakes a drill drives (DRILL_INTAKES), or its default. */
export function drillIntakes(fallback: number): number {
  return Number(process.env.DRILL_INTAKES ?? fallback);
}

/** Set by `npm run drill:redis-cluster`: every app and queue of the tests uses that cluster. */
export const REDIS_CLUSTER_NODES = process.env.REDIS_CLUSTER_NODES ?? null;

/** The Redis settings of an app started by a test (the one server, or the drill's cluster). */
export const REDIS_ENV: Record<string, string> = {
  REDIS_URL,
  ...(REDIS_CLUSTER_NODES ? { REDIS_CLUSTER_NODES } : {}),
};

/** Settings of a Redis nobody answers at (nothing listens on 6390), single or cluster. */
export const UNREACHABLE_REDIS_ENV: Record<string, string> = {
  REDIS_URL: 'redis://127.0.0.1:6390',
  ...(REDIS_CLUSTER_NODES ? { REDIS_CLUSTER_NODES: '127.0.0.1:6390' } : {}),
};

function answers(url: string, defaultPort: number): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = net.connect({
      host: hostname.replace(/^\[|\]$/g, ''),
      port: Number(port || defaultPort),
    });
    socket.setTimeout(1000);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
  });
}

function dockerAvailable(): boolean {
  try {
    execSync('docker info', { stdio: 'ignore', timeout: 5000 });
    return true;
  } catch {
    return false;
  }
}

async function waitFor(check: () => Promise<boolean>, seconds: number): Promise<boolean> {
  for (let i = 0; i < seconds * 2; i++) {
    if (await check()) {
      return true;
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  return false;
}

/**
 * Makes sure PostgreSQL and Redis answer before any test runs: starts them with Docker Compose
 * when Docker is there, otherwise stops with a message saying exactly what to start.
 */
export async function ensureServices(): Promise<void> {
  const pg = () => answers(DATABASE_URL, 5432);
  const redis = () =>
    answers(REDIS_CLUSTER_NODES ? `redis://${REDIS_CLUSTER_NODES.split(',')[0]}` : REDIS_URL, 6379);
  if ((await pg()) && (await redis())) {
    return;
  }
  if (dockerAvailable()) {
    console.log(
      '\nPostgreSQL or Redis is not answering: starting them with `docker compose up -d postgres redis`...',
    );
    execSync('docker compose up -d postgres redis', { stdio: 'inherit' });
    if ((await waitFor(pg, 60)) && (await waitFor(redis, 30))) {
      return;
    }
  }
  const missing = [
    !(await pg()) && `PostgreSQL at ${DATABASE_URL}`,
    !(await redis()) && `Redis at ${REDIS_URL}`,
  ]
    .filter(Boolean)
    .join(' and ');
  throw new Error(
    `\n\nThe tests need ${missing}, and it is not answering.\n` +
      `Start it with one of:\n` +
      `  docker compose up -d postgres redis          (needs a running Docker engine)\n` +
      `  pg_ctlcluster 15 main start; redis-server --daemonize yes   (Debian packages)\n` +
      `or point DATABASE_URL / REDIS_URL at servers that run.\n`,
  );
}
