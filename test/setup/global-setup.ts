import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { ensureServices } from './services';
import { databaseUrl, TEMPLATE_DATABASE, withAdminClient } from './test-database';

const ROOT = path.resolve(__dirname, '../..');

/** Starts (or asks for) the services, then builds the migrated template database once per run. */
export default async function globalSetup(): Promise<void> {
  await ensureServices();
  await withAdminClient(async (client) => {
    // Databases left behind by an interrupted earlier run.
    const stale = await client.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE datname LIKE 'motcua_t_%'`);
    for (const { datname } of stale.rows) {
      await client.query(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`);
    }
    await client.query(`DROP DATABASE IF EXISTS ${TEMPLATE_DATABASE} WITH (FORCE)`);
  });
  // The same migration command operators run, so the tests prove it works.
  execFileSync(process.execPath, ['-r', '@swc-node/register', 'libs/database/src/cli/migrate.ts'], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: databaseUrl(TEMPLATE_DATABASE), NODE_ENV: 'test' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}
