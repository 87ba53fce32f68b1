import { Client } from 'pg';
import {
  createBenchDatabase,
  dropBenchDatabase,
  truncateIntakeTables,
  withBenchDatabase,
} from './bench-database';
import { runCeiling } from './ceiling';
import { intakeBodies, seedCatalog } from './dataset';
import { benchDatabaseUrl, readSettings } from './settings';

/**
 * `npm run bench:intake:pg-variants`: what each part of the schema costs PostgreSQL per
 * intake. Runs the prepared-statement ceiling (the API's exact statements on a bare pg Pool)
 * once as migrated, then once per variant with one part removed (an index, the trigger, the
 * foreign keys), and prints PostgreSQL's CPU ms per intake for each. A what-if tool, not a
 * target: removing a part removes what it serves. Settings as bench:intake (defaults here:
 * 16 workers, 2 s warm-up, 15 s measured); the database is motcua_bench_intake_variants.
 */
interface Variant {
  name: string;
  sql: string[];
}

const VARIANTS: Variant[] = [
  { name: 'as migrated', sql: [] },
  { name: 'without the trigram search index', sql: ['DROP INDEX applications_search'] },
  {
    name: 'without the portal backlog trigger',
    sql: ['DROP TRIGGER portal_sync_backlog_follow ON applications'],
  },
  {
    name: 'without foreign keys on applications, history, outbox',
    sql: [
      `DO $$ DECLARE r record; BEGIN
         FOR r IN SELECT conrelid::regclass AS t, conname FROM pg_constraint
                  WHERE contype = 'f' AND conparentid = 0
                    AND conrelid::regclass::text IN ('applications', 'application_history', 'outbox_events',
                        'application_received_documents')
         LOOP EXECUTE format('ALTER TABLE %s DROP CONSTRAINT %I', r.t, r.conname); END LOOP; END $$`,
    ],
  },
  {
    name: 'without the five partial and secondary indexes of reads',
    sql: [
      'DROP INDEX applications_open_kpi',
      'DROP INDEX applications_open_due',
      'DROP INDEX applications_status',
      'DROP INDEX applications_department_received',
      'DROP INDEX applications_received_at',
    ],
  },
  {
    // Partition routing is set up per statement; the same tables as plain ones.
    name: 'history and outbox as plain (unpartitioned) tables',
    sql: ['application_history', 'outbox_events'].flatMap((table) => [
      `CREATE TABLE ${table}_plain (LIKE ${table} INCLUDING ALL)`,
      `DROP TABLE ${table} CASCADE`,
      `ALTER TABLE ${table}_plain RENAME TO ${table}`,
    ]),
  },
];

async function main(): Promise<void> {
  const base = readSettings();
  const settings = {
    ...base,
    databaseName: 'motcua_bench_intake_variants',
    connections: Number(process.env.BENCH_CONNECTIONS ?? 16),
    warmupSeconds: Number(process.env.BENCH_WARMUP ?? 2),
    durationSeconds: Number(process.env.BENCH_DURATION ?? 15),
  };
  const rows: string[] = [];
  try {
    for (const variant of VARIANTS) {
      await createBenchDatabase(settings);
      const actor = await withBenchDatabase(settings, (c) => seedCatalog(c));
      await withBenchDatabase(settings, async (c) => {
        for (const statement of variant.sql) {
          await c.query(statement);
        }
        await truncateIntakeTables(c);
      });
      const db = new Client({ connectionString: benchDatabaseUrl(settings) });
      await db.connect();
      try {
        const result = await runCeiling(
          {
            databaseUrl: benchDatabaseUrl(settings),
            poolSize: settings.poolSize,
            workers: settings.connections,
            warmupSeconds: settings.warmupSeconds,
            durationSeconds: settings.durationSeconds,
            bodies: intakeBodies(),
            actor,
            prepared: true,
            // One statement per intake, as the variants were first measured.
            groupCommit: false,
          },
          db,
        );
        const row = `| ${variant.name} | ${Math.round(result.perSecond)} | ${result.cpu.postgresMs.toFixed(3)} | ${result.cpu.clientMs.toFixed(3)} | ${result.p99Ms.toFixed(0)} |`;
        console.error(row);
        rows.push(row);
      } finally {
        await db.end();
      }
    }
  } finally {
    await dropBenchDatabase(settings);
  }
  console.log('| variant | tx/s | PostgreSQL CPU ms / intake | pg loop CPU ms / intake | p99 ms |');
  console.log('| --- | ---: | ---: | ---: | ---: |');
  rows.forEach((r) => console.log(r));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
