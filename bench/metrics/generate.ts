import 'reflect-metadata';
import { createReadStream, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { createBenchDatabase, withBenchDatabase } from '../intake/bench-database';
import { benchDatabaseUrl } from '../intake/settings';
import { applicationRows, COPY_COLUMNS, GeneratorStats } from './application-rows';
import { copyInto, dropSchema, restoreSchema, saveSchema, seconds } from './bulk-load';
import { loadCalendar, loadCatalog, seedMetricsCatalog } from './catalog';
import { buildDerivedTables } from './derived-tables';
import { FACT_COLUMNS, K1FactsWriter, SEGMENT_COLUMNS } from './k1-facts';
import { readMarker, writeMarker } from './marker';
import { MetricsBenchSettings, readMetricsSettings } from './settings';
import { openSummary, verifyDataSet } from './verify';
import { localDayOf, WorkingDays } from './working-days';

/**
 * `npm run bench:metrics:generate`: the metrics benchmark's data set — BENCH_APPLICATIONS
 * (10 M) applications over three years in motcua_bench_metrics, streamed with COPY, and what
 * the worker would have derived from them. Skipped when the database already holds that many
 * (BENCH_FORCE=1 or --force regenerates). See bench/README.md.
 */
const YEARS = 3;
/** Tables loaded in bulk: their indexes and keys are rebuilt after the load. */
const BULK_TABLES = [
  'applications',
  'kpi_k1_segments',
  'kpi_application_facts',
  'kpi_daily_rollups',
];
const PROGRESS_EVERY = 1_000_000;

const log = (line: string) => process.stderr.write(`[bench:metrics:generate] ${line}\n`);

export async function generate(settings: MetricsBenchSettings): Promise<void> {
  const existing = await readMarker(settings.base);
  if (!settings.force && existing?.applications === settings.applications) {
    log(
      `${settings.base.databaseName} already holds ${existing.applications.toLocaleString('en-US')} ` +
        `applications (generated ${existing.generatedAt}); --force to regenerate`,
    );
    return;
  }
  const started = Date.now();
  log(`creating ${settings.base.databaseName} and running migrations…`);
  await createBenchDatabase(settings.base);
  await withBenchDatabase(settings.base, seedMetricsCatalog);

  const url = benchDatabaseUrl(settings.base);
  const clients: [Client, Client] = [
    new Client({ connectionString: url }),
    new Client({ connectionString: url }),
  ];
  for (const client of clients) {
    await client.connect();
    // Bulk-load settings for these sessions only (the server is shared).
    await client.query(`SET maintenance_work_mem = '2GB'`);
    await client.query(`SET work_mem = '1GB'`);
    await client.query(`SET synchronous_commit = off`);
  }
  const [db] = clients;
  try {
    const catalog = await loadCatalog(db);
    const calendar = await loadCalendar(db);
    const now = new Date();
    const today = localDayOf(now.getTime());
    const workingDays = new WorkingDays(calendar, today - YEARS * 366 - 7, today + 400);

    const saved = await saveSchema(db, BULK_TABLES);
    await dropSchema(db, saved);

    const stats: GeneratorStats = {
      rows: 0,
      byStatus: new Map(),
      counters: [],
      firstDay: '',
      lastDay: '',
    };
    let phase = Date.now();
    log(`COPY ${settings.applications.toLocaleString('en-US')} applications…`);
    const facts = new K1FactsWriter(
      calendar,
      join(tmpdir(), `${settings.base.databaseName}-segments.copy`),
      join(tmpdir(), `${settings.base.databaseName}-facts.copy`),
    );
    try {
      const rows = applicationRows(
        catalog,
        workingDays,
        { total: settings.applications, seed: settings.seed, now, years: YEARS },
        stats,
        (app) => facts.add(app),
      );
      // The portal is modelled as having acknowledged every application's current version
      // (no portal_sync_backlog rows): its backlog trigger is off for the COPY.
      await db.query(`ALTER TABLE applications DISABLE TRIGGER portal_sync_backlog_follow`);
      await copyInto(db, 'applications', COPY_COLUMNS, withProgress(rows, stats, phase));
      await db.query(`ALTER TABLE applications ENABLE TRIGGER portal_sync_backlog_follow`);
      facts.close();
      log(`COPY applications: ${stats.rows.toLocaleString('en-US')} rows in ${seconds(phase)}`);
      const segmentsStarted = Date.now();
      await copyInto(
        db,
        'kpi_k1_segments',
        SEGMENT_COLUMNS,
        createReadStream(facts.segmentFile, 'utf8'),
      );
      await copyInto(
        db,
        'kpi_application_facts',
        FACT_COLUMNS,
        createReadStream(facts.factFile, 'utf8'),
      );
      log(
        `COPY ${facts.segments.toLocaleString('en-US')} K1 segments and the facts in ${seconds(segmentsStarted)}`,
      );
    } finally {
      facts.close();
      rmSync(facts.segmentFile, { force: true });
      rmSync(facts.factFile, { force: true });
    }
    const copySeconds = seconds(phase);

    phase = Date.now();
    log('derived tables…');
    await buildDerivedTables(db, stats.counters, facts.rollups, log);
    const derivedSeconds = seconds(phase);

    phase = Date.now();
    log('indexes and keys (two connections)…');
    await restoreSchema(clients, saved, log);
    const indexSeconds = seconds(phase);

    phase = Date.now();
    log('VACUUM ANALYZE…');
    await db.query(`VACUUM (ANALYZE)`); // the whole database: derived tables included
    const vacuumSeconds = seconds(phase);

    const problems = await verifyDataSet(db, calendar, settings.applications);
    if (problems.length > 0) {
      throw new Error(`the generated data set is inconsistent:\n  ${problems.join('\n  ')}`);
    }
    const open = await openSummary(db);
    const { rows: size } = await db.query<{ size: string }>(
      `SELECT pg_size_pretty(pg_database_size(current_database())) AS size`,
    );
    await writeMarker(settings.base, {
      applications: settings.applications,
      generatedAt: now.toISOString(),
      seed: settings.seed,
      firstDay: stats.firstDay,
      lastDay: stats.lastDay,
    });
    const statuses = [...stats.byStatus.entries()]
      .sort((a, b) => b[1] - a[1])
      .map(([status, n]) => `${status} ${n.toLocaleString('en-US')}`)
      .join(', ');
    process.stdout.write(
      [
        `generated ${settings.base.databaseName}: ${stats.rows.toLocaleString('en-US')} applications ` +
          `received ${stats.firstDay} … ${stats.lastDay}, ${size[0].size}`,
        `statuses: ${statuses}`,
        `open now: ${open.open.toLocaleString('en-US')}, of which past their K1 appointment: ` +
          `${open.overdue.toLocaleString('en-US')}`,
        `time: COPY ${copySeconds}, derived tables ${derivedSeconds}, indexes and keys ` +
          `${indexSeconds}, vacuum/analyze ${vacuumSeconds}; total ${seconds(started)}`,
        '',
      ].join('\n'),
    );
  } finally {
    await Promise.all(clients.map((client) => client.end().catch(() => undefined)));
  }
}

function* withProgress(
  chunks: Iterable<string>,
  stats: GeneratorStats,
  startedMs: number,
): Generator<string> {
  let next = PROGRESS_EVERY;
  for (const chunk of chunks) {
    yield chunk;
    if (stats.rows >= next) {
      const rate = stats.rows / ((Date.now() - startedMs) / 1000);
      log(
        `  ${stats.rows.toLocaleString('en-US')} rows (${seconds(startedMs)}, ` +
          `${Math.round(rate).toLocaleString('en-US')}/s)`,
      );
      next += PROGRESS_EVERY;
    }
  }
}

if (require.main === module) {
  generate(readMetricsSettings()).then(
    () => process.exit(0),
    (error: unknown) => {
      log(`FAILED: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      process.exit(1);
    },
  );
}
