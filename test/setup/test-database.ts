import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { DATABASE_URL } from './services';

/**
 * Names carry the run's start time (seconds) so that two runs against one server never drop
 * each other's databases: a run removes only what is older than STALE_AFTER_SECONDS.
 */
export const TEST_DATABASE_PREFIX = 'motcua_t_';
export const STALE_AFTER_SECONDS = 3 * 3600;

/** The migrated template of this run; global setup sets it before the workers start. */
export function templateDatabase(): string {
  const name = process.env.MOTCUA_TEST_TEMPLATE;
  if (!name) {
    throw new Error(
      'MOTCUA_TEST_TEMPLATE is not set: run the tests through jest (global setup creates it)',
    );
  }
  return name;
}

export function databaseUrl(name: string): string {
  const url = new URL(DATABASE_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

export async function withAdminClient<T>(fn: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: databaseUrl('postgres') });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/**
 * Each test file gets its own database cloned from the migrated template (style rule 11),
 * so files run in parallel and in any order.
 */
export async function createTestDatabase(): Promise<{
  name: string;
  url: string;
  drop: () => Promise<void>;
}> {
  const name = `${TEST_DATABASE_PREFIX}${Math.floor(Date.now() / 1000)}_${randomBytes(5).toString('hex')}`;
  await withAdminClient(async (client) => {
    // CREATE DATABASE ... TEMPLATE needs the template to have no other session; retry briefly.
    for (let attempt = 0; ; attempt++) {
      try {
        await client.query(`CREATE DATABASE ${name} TEMPLATE ${templateDatabase()}`);
        return;
      } catch (error) {
        if (attempt > 50) {
          throw error;
        }
        await new Promise((r) => setTimeout(r, 100));
      }
    }
  });
  return {
    name,
    url: databaseUrl(name),
    drop: () => withAdminClient((client) => dropDatabase(client, name)),
  };
}

/** How long a drop waits for the file's own sessions to close before it forces them off. */
const SESSIONS_CLOSE_MS = 2_000;

/**
 * Drops a test database once the sessions of the pools its file just ended have closed, then
 * forces off whatever is left (a leaked connection). `pool.end()` resolves before its clients'
 * sockets are closed: forced off in that window, an ending client of a pool without an 'error'
 * listener raised an unhandled error and failed its suite (seen under CI load).
 */
async function dropDatabase(client: Client, name: string): Promise<void> {
  const deadline = Date.now() + SESSIONS_CLOSE_MS;
  while (Date.now() < deadline) {
    const { rows } = await client.query<{ sessions: number }>(
      `SELECT count(*)::int AS sessions FROM pg_stat_activity
       WHERE datname = $1 AND pid <> pg_backend_pid()`,
      [name],
    );
    if (rows[0].sessions === 0) {
      break;
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
}
