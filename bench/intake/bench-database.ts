import { spawn } from 'node:child_process';
import { Client } from 'pg';
import { BenchSettings, benchDatabaseUrl } from './settings';

const MIGRATE_TIMEOUT_MS = 180_000;

/** Drops and re-creates the bench database, then applies the project's migrations to it. */
export async function createBenchDatabase(settings: BenchSettings): Promise<void> {
  await withAdmin(settings, async (admin) => {
    await admin.query(`DROP DATABASE IF EXISTS ${quoted(settings.databaseName)} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${quoted(settings.databaseName)}`);
  });
  await runMigrations(benchDatabaseUrl(settings));
}

export async function dropBenchDatabase(settings: BenchSettings): Promise<void> {
  await withAdmin(settings, (admin) =>
    admin.query(`DROP DATABASE IF EXISTS ${quoted(settings.databaseName)} WITH (FORCE)`),
  );
}

/** Runs `work` on a short-lived connection to the bench database. */
export async function withBenchDatabase<T>(
  settings: BenchSettings,
  work: (client: Client) => Promise<T>,
): Promise<T> {
  const client = new Client({ connectionString: benchDatabaseUrl(settings) });
  client.on('error', () => undefined); // reported by the query that fails
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Empties what intake writes, so that each measured run starts from the same state. */
export async function truncateIntakeTables(client: Client): Promise<void> {
  // The record tables refuse TRUNCATE (append-only triggers); a benchmark database is not a
  // record, so it empties them with triggers off for this transaction (replica role). The
  // CASCADE empties the K1 segments too, so the counts their triggers keep go with them.
  await client.query('BEGIN');
  try {
    await client.query('SET LOCAL session_replication_role = replica');
    await client.query(
      `TRUNCATE applications, application_history, outbox_events, application_code_counters,
         kpi_k1_open_counts, kpi_k1_open_count_deltas CASCADE`,
    );
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  }
}

export async function countApplications(client: Client): Promise<number> {
  const { rows } = await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM applications`);
  return rows[0].n;
}

/** How many of `ids` exist as applications. */
export async function countApplicationsWithIds(client: Client, ids: string[]): Promise<number> {
  const { rows } = await client.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM applications WHERE id = ANY($1::uuid[])`,
    [ids],
  );
  return rows[0].n;
}

export async function serverVersion(client: Client): Promise<string> {
  const { rows } = await client.query<{ v: string }>(
    `SELECT current_setting('server_version') AS v`,
  );
  return rows[0].v.split(' ')[0];
}

async function withAdmin<T>(settings: BenchSettings, work: (admin: Client) => Promise<T>) {
  const admin = new Client({ connectionString: settings.adminDatabaseUrl });
  await admin.connect();
  try {
    return await work(admin);
  } finally {
    await admin.end();
  }
}

function quoted(identifier: string): string {
  return `"${identifier.replace(/"/g, '""')}"`;
}

function runMigrations(databaseUrl: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-r', '@swc-node/register', 'apps/cli/src/migrate.ts'], {
      env: { ...process.env, DATABASE_URL: databaseUrl, NODE_ENV: 'development' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), MIGRATE_TIMEOUT_MS);
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) {
        resolve();
      } else {
        reject(
          new Error(`migrations failed (${signal ?? `exit ${code}`}):\n${output.slice(-4000)}`),
        );
      }
    });
  });
}
