import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Client, Pool } from 'pg';
import type { DataSource } from 'typeorm';
import {
  ApplicationRepository,
  IntakeProcedure,
} from '@app/database/applications/application.repository';
import { OutboxSignal } from '@app/database/outbox/outbox-signal';
import { steadyIntake } from '../../bench/events/steady-intake';
import { freePort, sleep } from '../../bench/intake/api-process';
import {
  intakeBodies,
  newDeskApplication,
  PROCEDURE_COUNT,
  procedureCode,
  seedCatalog,
} from '../../bench/intake/dataset';
import { intEnv } from './drill-settings';
import { ownedDirectory, pgTool, runMigrations, TempCluster } from './pg-cluster';
import { checkRestored, RestoreCheck } from './restore-checks';

/**
 * drill:restore (issue 14 item 8) — on a throw-away cluster with WAL archiving: an online base
 * backup taken under a steady intake, a named restore point, then the primary crashed
 * (immediate stop, its data directory treated as lost). Two restores into empty clusters from the base backup and
 * the archive: to the restore point, and to the end of the archive. Each is checked (counts,
 * gap-free codes, every application with its history and outbox event, nothing acknowledged
 * before the target missing, nothing begun after it present); RPO and RTO are reported.
 *
 * DRILL_SECONDS (default 60) is the length of the intake; DRILL_RATE intakes/s (default 50);
 * ARCHIVE_TIMEOUT_SECONDS (default 5) bounds the RPO of a lost primary.
 */
const RESTORE_POINT = 'motcua-drill';

interface Intake {
  issuedAt: number;
  ackedAt?: number;
}

async function main(): Promise<void> {
  const seconds = intEnv('DRILL_SECONDS', 60);
  const rate = intEnv('DRILL_RATE', 50);
  const archiveTimeout = intEnv('ARCHIVE_TIMEOUT_SECONDS', 5);
  const log = (line: string) => console.error(`[drill:restore] ${line}`);
  const root = ownedDirectory(mkdtempSync('/tmp/motcua-restore-'));
  const archive = ownedDirectory(join(root, 'archive'));
  const primary = TempCluster.init(join(root, 'primary'), await freePort(), root);
  const clusters: TempCluster[] = [primary];
  let pool: Pool | null = null;
  let failed = false;
  try {
    primary.configure({
      wal_level: 'replica',
      archive_mode: 'on',
      // Never overwrites an archived segment; a partial copy never carries the final name.
      archive_command: `test ! -f ${archive}/%f && cp %p ${archive}/%f.part && mv ${archive}/%f.part ${archive}/%f`,
      archive_timeout: archiveTimeout,
      max_wal_senders: 4,
      max_connections: 60,
      shared_buffers: '64MB',
    });
    primary.start();
    log(`primary on port ${primary.port}, archive in ${archive}`);
    await runMigrations(primary.url);
    const setup = await primary.connect();
    const actor = await seedCatalog(setup);
    await setup.end();

    pool = new Pool({ connectionString: primary.url, max: 8 });
    pool.on('error', () => undefined);
    const pgPool = pool;
    const dataSource = {
      driver: { master: pgPool },
      query: async (text: string, values?: unknown[]) => (await pgPool.query(text, values)).rows,
    } as unknown as DataSource;
    const repository = new ApplicationRepository(dataSource, new OutboxSignal(dataSource));
    const procedures: IntakeProcedure[] = [];
    for (let p = 0; p < PROCEDURE_COUNT; p++) {
      procedures.push((await repository.findIntakeProcedure(procedureCode(p)))!);
    }
    const bodies = intakeBodies();
    const intakes = new Map<string, Intake>(); // by outbox event id
    let crashed = false;

    log(
      `intake at ${rate}/s for ${seconds} s; base backup at 1/3, restore point at 2/3, crash at the end`,
    );
    const load = steadyIntake({
      rate,
      duration: seconds + 3600, // ended by the crash
      maxInFlight: 16,
      interrupted: () => crashed,
      insertOne: async (index) => {
        const body = bodies[index % bodies.length];
        const app = newDeskApplication(
          procedures[index % procedures.length],
          body,
          actor,
          new Date(),
        );
        const intake: Intake = { issuedAt: Date.now() };
        intakes.set(app.event.id, intake);
        await repository.insert(app);
        intake.ackedAt = Date.now();
        return app.event.id;
      },
    });

    await sleep((seconds * 1000) / 3);
    const backupStarted = performance.now();
    pgTool('pg_basebackup', [
      '-D',
      join(root, 'base'),
      '-h',
      '127.0.0.1',
      '-p',
      String(primary.port),
      '-U',
      'postgres',
      '-X',
      'stream',
      '-c',
      'fast',
    ]);
    const backupSeconds = (performance.now() - backupStarted) / 1000;
    log(`online base backup taken in ${backupSeconds.toFixed(1)} s`);

    await sleep(Math.max(0, (seconds * 1000) / 3 - backupSeconds * 1000));
    const admin = await primary.connect();
    const pointCalledAt = Date.now();
    await admin.query(`SELECT pg_create_restore_point($1)`, [RESTORE_POINT]);
    const pointReturnedAt = Date.now();
    await admin.query(`SELECT pg_switch_wal()`);
    log('restore point created');

    await sleep((seconds * 1000) / 3);
    const archived = await admin.query<{ n: number }>(
      `SELECT archived_count AS n FROM pg_stat_archiver`,
    );
    await admin.end();
    const crashAt = Date.now();
    // Stopped at once (no checkpoint, no last archiving), its data directory then treated as
    // lost: what the archive holds is all there is.
    primary.stop('immediate');
    crashed = true;
    log(`primary crashed with ${archived.rows[0].n} segments archived; its data is now lost`);
    const result = await load;
    await pool.end().catch(() => undefined);
    pool = null;
    const acked = [...intakes.values()].filter((i) => i.ackedAt !== undefined).length;
    log(`${acked} intakes acknowledged, ${result.failures.length} failed at the crash`);

    const checks: RestoreCheck[] = [];
    for (const target of ['restore point', 'end of archive'] as const) {
      const cluster = new TempCluster(
        join(root, target === 'restore point' ? 'restored-point' : 'restored-end'),
        await freePort(),
        root,
      );
      clusters.push(cluster);
      const started = performance.now();
      pgTool('/bin/cp', ['-a', join(root, 'base'), cluster.dataDir]);
      cluster.configure({
        archive_mode: 'off',
        restore_command: `cp ${archive}/%f %p`,
        recovery_target_action: 'promote',
        ...(target === 'restore point' ? { recovery_target_name: RESTORE_POINT } : {}),
      });
      writeFileSync(join(cluster.dataDir, 'recovery.signal'), '');
      cluster.start();
      const client = await cluster.connect();
      await waitForPromotion(client);
      const rtoSeconds = (performance.now() - started) / 1000;
      const check = await checkRestored(client, {
        target,
        intakes,
        // Acknowledged before the target must be there: the restore point, or for a lost
        // primary what the archiver had copied (archive_timeout, plus 5 s for a busy machine).
        mustHave: (i) =>
          i.ackedAt !== undefined &&
          i.ackedAt <
            (target === 'restore point' ? pointCalledAt : crashAt - (archiveTimeout + 5) * 1000),
        // Begun after the restore point: must not be there.
        mustNotHave: (i) => target === 'restore point' && i.issuedAt > pointReturnedAt,
        crashAt,
        rtoSeconds,
      });
      checks.push(check);
      await client.end();
      cluster.stop();
      log(`${target}: ${check.ok ? 'PASS' : 'FAIL'} (RTO ${rtoSeconds.toFixed(1)} s)`);
    }
    failed = checks.some((c) => !c.ok);
    process.stdout.write(
      report({
        seconds,
        rate,
        archiveTimeout,
        backupSeconds,
        acked,
        failures: result.failures.length,
        checks,
      }),
    );
  } catch (error) {
    failed = true;
    console.error(error);
    for (const cluster of clusters) {
      console.error(`--- ${cluster.dataDir} server log ---\n${cluster.serverLog()}`);
    }
  } finally {
    await pool?.end().catch(() => undefined);
    for (const cluster of clusters) {
      try {
        cluster.stop('immediate');
      } catch {
        // already stopped or killed
      }
    }
    rmSync(root, { recursive: true, force: true });
  }
  process.exit(failed ? 1 : 0);
}

/** Recovery ends with a promotion (recovery_target_action): then the cluster takes writes. */
async function waitForPromotion(client: Client, timeoutMs = 600_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const { rows } = await client.query<{ recovering: boolean }>(
      `SELECT pg_is_in_recovery() AS recovering`,
    );
    if (!rows[0].recovering) {
      return;
    }
    if (Date.now() > until) {
      throw new Error('recovery did not end');
    }
    await sleep(100);
  }
}

function report(r: {
  seconds: number;
  rate: number;
  archiveTimeout: number;
  backupSeconds: number;
  acked: number;
  failures: number;
  checks: RestoreCheck[];
}): string {
  const rows = r.checks.map(
    (c) =>
      `| ${c.target} | ${c.applications} | ${c.outboxEvents} | ${c.codesGapFree ? 'yes' : 'NO'} | ${c.missing} | ${c.unexpected} | ${c.lostAfterTarget} | ${c.rpoSeconds === null ? '—' : c.rpoSeconds.toFixed(1)} | ${c.rtoSeconds.toFixed(1)} | ${c.ok ? 'PASS' : `FAIL: ${c.problems.join('; ')}`} |`,
  );
  return [
    `## drill:restore — ${new Date().toISOString()}`,
    '',
    `Intake ${r.rate}/s for ${r.seconds} s on a throw-away PostgreSQL cluster (WAL archived, archive_timeout ${r.archiveTimeout} s, 1 MB segments); online base backup in ${r.backupSeconds.toFixed(1)} s; ${r.acked} intakes acknowledged before the crash (${r.failures} in flight failed).`,
    '',
    '| restored to | applications | outbox events | codes gap-free | acknowledged before target, missing | begun after target, present | acknowledged, lost (after target) | RPO s | RTO s | result |',
    '|---|---:|---:|---|---:|---:|---:|---:|---:|---|',
    ...rows,
    '',
    'RPO: for the end-of-archive restore, from the oldest acknowledged intake that was lost to the crash (0 when none was). RTO: from copying the base backup to a promoted cluster that takes writes (checks not included).',
    '',
  ].join('\n');
}

void main();
