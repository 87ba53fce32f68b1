import { execSync } from 'node:child_process';
import net from 'node:net';

export const DATABASE_URL =
  process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

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
  const redis = () => answers(REDIS_URL, 6379);
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
