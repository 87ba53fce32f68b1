import 'reflect-metadata';
import { loadConfig } from '@app/config';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '@app/database';

/** `npm run migrate`: creates the database if needed and applies pending migrations. */
async function main(): Promise<void> {
  const config = loadConfig();
  // Past any pooler (DATABASE_DIRECT_URL): a migration may need a session of its own.
  await ensureDatabaseExists(config.database.directUrl);
  const dataSource = new DataSource(
    dataSourceOptions(config, { url: config.database.directUrl, poolSize: 2 }),
  );
  await dataSource.initialize();
  const applied = await dataSource.runMigrations({ transaction: 'each' });
  console.log(
    applied.length === 0
      ? 'migrate: up to date'
      : `migrate: applied ${applied.map((m) => m.name).join(', ')}`,
  );
  await dataSource.destroy();
}

export async function ensureDatabaseExists(url: string): Promise<void> {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.slice(1));
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const ds = new DataSource({ type: 'postgres', url: admin.toString(), extra: { max: 1 } });
  await ds.initialize();
  try {
    const rows: unknown[] = await ds.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (rows.length === 0) {
      await ds.query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`);
      console.log(`migrate: created database ${name}`);
    }
  } finally {
    await ds.destroy();
  }
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
