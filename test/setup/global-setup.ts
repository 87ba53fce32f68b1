import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { ensureServices } from './services';
import {
  databaseUrl,
  STALE_AFTER_SECONDS,
  TEST_DATABASE_PREFIX,
  withAdminClient,
} from './test-database';

const ROOT = path.resolve(__dirname, '../..');

/** Starts (or asks for) the services, then builds the migrated template database once per run. */
export default async function globalSetup(): Promise<void> {
  await ensureServices();
  const runStarted = Math.floor(Date.now() / 1000);
  const template = `${TEST_DATABASE_PREFIX}${runStarted}_template_${process.pid}`;
  // Workers inherit the environment: this is how they find the run's template.
  process.env.MOTCUA_TEST_TEMPLATE = template;
  await withAdminClient(async (client) => {
    // Databases left behind by interrupted runs; a run still going elsewhere is younger.
    const existing = await client.query<{ datname: string }>(
      `SELECT datname FROM pg_database WHERE datname LIKE $1`,
      [`${TEST_DATABASE_PREFIX}%`],
    );
    for (const { datname } of existing.rows) {
      const started = Number(datname.slice(TEST_DATABASE_PREFIX.length).split('_')[0]);
      if (!Number.isFinite(started) || runStarted - started > STALE_AFTER_SECONDS) {
        await client.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
      }
    }
    await client.query(`DROP DATABASE IF EXISTS ${template} WITH (FORCE)`);
  });
  // The same migration command operators run, so the tests prove it works.
  execFileSync(process.execPath, ['-r', '@swc-node/register', 'apps/cli/src/migrate.ts'], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: databaseUrl(template), NODE_ENV: 'test' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}
