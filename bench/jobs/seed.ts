import type { Client } from 'pg';
import { GeneratedApplicationRow, historyRowsOf } from './history';

/**
 * What bench:jobs adds to the generated 10 M database and how it puts it back: the generator
 * writes no history, outbox, consumers' records or idempotency keys, so the run seeds a bounded
 * amount of each, and afterwards empties every table that was empty before it (the jobs' own
 * alerts, escalations, notifications and digests included), drops the month partitions it
 * created and restores the maintenance watermarks. The generated tables themselves are only
 * read (the KPI reconciliation writes nothing when the seeded history matches them, which
 * run.ts checks on a sample before it runs the job).
 */
export const PARTITIONED_TABLES = ['outbox_events', 'consumed_events', 'application_history'];

/** Tables that must be empty when the run starts (the generator writes none of them). */
export const SEEDED_TABLES = [
  'application_history',
  'outbox_events',
  'consumed_events',
  'idempotency_keys',
];

export interface DatabaseState {
  /** Top-level tables of the public schema that held no row at the start. */
  emptyTables: Set<string>;
  partitions: Set<string>;
  watermarks: Array<{ job: string; done_through: string }>;
}

export async function readState(db: Client): Promise<DatabaseState> {
  const { rows: tables } = await db.query<{ name: string }>(
    `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND NOT c.relispartition
     ORDER BY 1`,
  );
  const emptyTables = new Set<string>();
  for (const { name } of tables) {
    const { rows } = await db.query(`SELECT 1 FROM "${name}" LIMIT 1`);
    if (rows.length === 0) {
      emptyTables.add(name);
    }
  }
  const { rows: watermarks } = await db.query<{ job: string; done_through: string }>(
    `SELECT job, done_through::text AS done_through FROM maintenance_watermarks`,
  );
  return { emptyTables, partitions: await partitions(db), watermarks };
}

async function partitions(db: Client): Promise<Set<string>> {
  const { rows } = await db.query<{ name: string }>(
    `SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
     WHERE i.inhparent::regclass::text = ANY($1)`,
    [PARTITIONED_TABLES],
  );
  return new Set(rows.map((r) => r.name));
}

/** The month partitions from `from`'s month through the current one, as the nightly job keeps them. */
async function ensureMonths(db: Client, table: string, from: Date): Promise<void> {
  await db.query(
    `SELECT motcua_ensure_month_partition($1, m::date)
     FROM generate_series(date_trunc('month', $2::timestamptz AT TIME ZONE 'Asia/Ho_Chi_Minh'),
                          date_trunc('month', now() AT TIME ZONE 'Asia/Ho_Chi_Minh'), interval '1 month') m`,
    [table, from],
  );
}

export interface HousekeepingSeed {
  outbox: number;
  consumed: number;
  idempotency: number;
  months: number;
}

/**
 * `outbox` relayed events spread evenly over the last `months` × 30.4 days (each consumed once
 * by the KPI consumer: as many consumed_events rows), in month partitions as production has
 * them, and `idempotency` keys spread over the last 48 hours (half past the 24 h TTL).
 */
export async function seedHousekeeping(
  db: Client,
  now: Date,
  outbox: number,
  idempotency: number,
  months = 6,
): Promise<HousekeepingSeed> {
  const days = months * 30.4;
  const from = new Date(now.getTime() - days * 86_400_000);
  await ensureMonths(db, 'outbox_events', from);
  await ensureMonths(db, 'consumed_events', from);
  await db.query(
    `INSERT INTO outbox_events (id, aggregate_type, aggregate_id, type, payload, occurred_at, published_at, attempts)
     SELECT gen_random_uuid(), 'application', gen_random_uuid(), 'application.received', '{}'::jsonb,
            t, t + interval '1 second', 1
     FROM (SELECT $1::timestamptz - random() * $2::double precision * interval '1 day' AS t
           FROM generate_series(1, $3::int)) s`,
    [now, days, outbox],
  );
  const consumed = await db.query(
    `INSERT INTO consumed_events (consumer, event_id, consumed_at, event_occurred_at)
     SELECT 'kpi-rollups', id, occurred_at + interval '2 seconds', occurred_at FROM outbox_events`,
  );
  await db.query(
    `INSERT INTO idempotency_keys (key, user_id, request_hash, status_code, response, created_at)
     SELECT 'bench-jobs-' || i, (SELECT id FROM users ORDER BY id LIMIT 1), md5(i::text), 201, '{}'::jsonb,
            $1::timestamptz - random() * interval '48 hours'
     FROM generate_series(1, $2::int) i`,
    [now, idempotency],
  );
  return { outbox, consumed: consumed.rowCount ?? 0, idempotency, months };
}

export interface HistorySeed {
  applications: number;
  rows: number;
  /** A spread sample of the seeded applications (the reconciliation's pre-check). */
  sample: string[];
}

const PAGE = 5000;

/**
 * The whole history of every generated application with a history line since `since`
 * (historyRowsOf: the generator's own lines), in month partitions. One sequential read of
 * applications finds them: this is the bench's set-up, not a job's query.
 */
export async function seedHistory(
  db: Client,
  since: Date,
  log: (line: string) => void,
): Promise<HistorySeed> {
  await db.query(`DROP TABLE IF EXISTS bench_jobs_touched`);
  await db.query(
    `CREATE TEMP TABLE bench_jobs_touched AS
     SELECT id, channel, received_at, original_due_at, apology_count, supplement_requested_at,
            payment_requested_at, withdrawal_requested_at, result_ready_at, returned_at, stopped_at,
            stop_reason
     FROM applications
     WHERE received_at IS NOT NULL
       AND (received_at >= $1 OR supplement_requested_at >= $1 OR payment_requested_at >= $1
            OR withdrawal_requested_at >= $1 OR result_ready_at >= $1 OR returned_at >= $1
            OR stopped_at >= $1 OR (apology_count > 0 AND original_due_at - interval '2 hours' >= $1))`,
    [since],
  );
  await db.query(`CREATE UNIQUE INDEX ON bench_jobs_touched (id)`);
  const { rows: bounds } = await db.query<{ n: string; first: Date | null }>(
    `SELECT count(*)::text AS n, min(received_at) AS first FROM bench_jobs_touched`,
  );
  const applications = Number(bounds[0].n);
  log(
    `  ${applications.toLocaleString('en-US')} applications touched since ${since.toISOString()}`,
  );
  if (bounds[0].first) {
    await ensureMonths(db, 'application_history', bounds[0].first);
  }
  // Every line needs an actor (a CHECK): one staff member of the catalog stands for all.
  const { rows: actors } = await db.query<{ id: string; role: string }>(
    `SELECT id, role FROM users ORDER BY id LIMIT 1`,
  );
  let after = '00000000-0000-0000-0000-000000000000';
  let rows = 0;
  const sample: string[] = [];
  const every = Math.max(1, Math.floor(applications / 1000));
  let seen = 0;
  let pages = 0;
  for (;;) {
    const page = await db.query<GeneratedApplicationRow>(
      `SELECT id, channel, received_at AS "receivedAt", original_due_at AS "originalDueAt",
              apology_count AS "apologyCount", supplement_requested_at AS "supplementRequestedAt",
              payment_requested_at AS "paymentRequestedAt", withdrawal_requested_at AS "withdrawalRequestedAt",
              result_ready_at AS "resultReadyAt", returned_at AS "returnedAt", stopped_at AS "stoppedAt",
              stop_reason AS "stopReason"
       FROM bench_jobs_touched WHERE id > $1 ORDER BY id LIMIT $2`,
      [after, PAGE],
    );
    if (page.rows.length === 0) {
      break;
    }
    const lines = page.rows.flatMap((app) => {
      if (seen++ % every === 0) {
        sample.push(app.id);
      }
      return historyRowsOf(app);
    });
    await db.query(
      `INSERT INTO application_history (application_id, at, action, to_status, payload, actor_id, actor_role)
       SELECT a, t, ac, s, p, $6, $7 FROM unnest($1::uuid[], $2::timestamptz[], $3::text[], $4::text[], $5::jsonb[])
         WITH ORDINALITY AS u(a, t, ac, s, p, n) ORDER BY n`,
      [
        lines.map((l) => l.applicationId),
        lines.map((l) => l.at),
        lines.map((l) => l.action),
        lines.map((l) => l.toStatus),
        lines.map((l) => JSON.stringify(l.payload)),
        actors[0].id,
        actors[0].role,
      ],
    );
    rows += lines.length;
    after = page.rows[page.rows.length - 1].id;
    if (++pages % 20 === 0) {
      log(`  ${rows.toLocaleString('en-US')} history rows…`);
    }
  }
  await db.query(`DROP TABLE bench_jobs_touched`);
  return { applications, rows, sample };
}

/**
 * Puts the database back as the run found it: every table empty at the start is emptied (in
 * one TRUNCATE, triggers off: some are append-only records), partitions created meanwhile
 * are dropped and any dropped are re-created, the maintenance watermarks restored.
 */
export async function restore(db: Client, state: DatabaseState): Promise<string[]> {
  const done: string[] = [];
  const now = await readState(db);
  const refill = [...state.emptyTables].filter((t) => !now.emptyTables.has(t)).sort();
  await db.query('BEGIN');
  try {
    await db.query(`SET LOCAL session_replication_role = replica`);
    if (refill.length > 0) {
      await db.query(`TRUNCATE ${refill.map((t) => `"${t}"`).join(', ')}`);
      done.push(`emptied ${refill.join(', ')}`);
    }
    for (const name of [...now.partitions].filter((p) => !state.partitions.has(p)).sort()) {
      await db.query(`DROP TABLE "${name}"`);
    }
    for (const name of [...state.partitions].filter((p) => !now.partitions.has(p)).sort()) {
      const match = /^(.*)_p(\d{4})(\d{2})$/.exec(name);
      if (match) {
        await db.query(`SELECT motcua_ensure_month_partition($1, $2::date)`, [
          match[1],
          `${match[2]}-${match[3]}-01`,
        ]);
      }
    }
    await db.query(`DELETE FROM maintenance_watermarks`);
    for (const w of state.watermarks) {
      await db.query(`INSERT INTO maintenance_watermarks (job, done_through) VALUES ($1, $2)`, [
        w.job,
        w.done_through,
      ]);
    }
    await db.query('COMMIT');
  } catch (error) {
    await db.query('ROLLBACK');
    throw error;
  }
  const partitionsNow = await partitions(db);
  const same =
    partitionsNow.size === state.partitions.size &&
    [...state.partitions].every((p) => partitionsNow.has(p));
  done.push(same ? 'partitions as before' : 'partitions DIFFER from before');
  return done;
}
