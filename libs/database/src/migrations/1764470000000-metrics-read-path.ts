import { MigrationInterface, QueryRunner } from 'typeorm';

/** The counters of kpi_daily_rollups, kept month by month as well (a new counter must be added here). */
const COUNTERS = [
  'received',
  'result_early',
  'result_on_time',
  'result_late',
  'stopped',
  'withdrawn',
  'apologies',
  'supplement_requests',
  'completed',
  'completed_working_days',
  'completed_signed',
];
const KEY = 'department_id, procedure_id, channel';
const OPEN_KPI_COLUMNS = `department_id, procedure_id, channel, status, supplement_count,
  supplement_requested_at, withdrawal_requested_at, paused_due_at, original_due_at, due_at`;
const OPEN_STATUSES = `('received', 'processing', 'supplement_requested', 'payment_required', 'withdrawal_requested')`;

/** Adds each changed daily row's counters (new minus old) to its month's row, keys in order. */
function applyDelta(sources: string[]): string {
  return `
    INSERT INTO kpi_monthly_rollups AS m (month, ${KEY}, ${COUNTERS.join(', ')})
    SELECT date_trunc('month', day)::date, ${KEY}, ${COUNTERS.map((c) => `sum(${c})`).join(', ')}
    FROM (${sources.join(' UNION ALL ')}) d
    GROUP BY 1, 2, 3, 4
    ORDER BY 1, 2, 3, 4
    ON CONFLICT (month, ${KEY}) DO UPDATE SET
      ${COUNTERS.map((c) => `${c} = m.${c} + EXCLUDED.${c}`).join(', ')};`;
}
const fromNew = `SELECT day, ${KEY}, ${COUNTERS.join(', ')} FROM new_rows`;
const fromOld = `SELECT day, ${KEY}, ${COUNTERS.map((c) => `-${c} AS ${c}`).join(', ')} FROM old_rows`;

/**
 * The read path of the managers' metrics at 10 M applications (bench/metrics, 2026-11-29):
 * - kpi_monthly_rollups: the daily roll-ups summed per month, kept by statement triggers on
 *   kpi_daily_rollups, so a year is ~2 k rows to add instead of ~45 k (a year of the daily
 *   table took 15–25 ms, half the latency budget). Whatever writes the daily table — the
 *   worker's batched upserts, reconciliation, tests inserting rows — the month follows in the
 *   same transaction; each statement's months are locked in key order, as the worker orders
 *   its daily rows, so the triggers add no deadlock.
 * - applications_open_kpi: open applications by reception time, with every column K1 needs
 *   of them. K1 of a period counts the open ones received before its end; without it the
 *   planner walked all open rows through applications_status (58 k heap fetches, ~140 ms),
 *   and with a plain index the current month still read 58 k heap rows (~50 ms); covering,
 *   it is an index-only scan (~25 ms at 58 k open).
 * - satisfaction_ratings_rated_at_score: K8's count of a period as an index-only scan.
 */
export class MetricsReadPath1764470000000 implements MigrationInterface {
  name = 'MetricsReadPath1764470000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE kpi_monthly_rollups (
        month date NOT NULL CHECK (extract(day FROM month) = 1),
        department_id uuid NOT NULL REFERENCES departments(id),
        procedure_id uuid NOT NULL REFERENCES procedures(id),
        channel text NOT NULL,
        ${COUNTERS.map((c) => `${c} integer NOT NULL DEFAULT 0`).join(',\n        ')},
        PRIMARY KEY (month, department_id, procedure_id, channel)
      )`);
    // Transition tables need one trigger per event; the function picks its statement by TG_OP
    // (PL/pgSQL plans a statement when it first runs it, so the absent table is never named).
    await q.query(`
      CREATE FUNCTION kpi_monthly_rollups_follow() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'INSERT' THEN ${applyDelta([fromNew])}
        ELSIF TG_OP = 'UPDATE' THEN ${applyDelta([fromNew, fromOld])}
        ELSIF TG_OP = 'DELETE' THEN ${applyDelta([fromOld])}
        ELSE TRUNCATE kpi_monthly_rollups;
        END IF;
        RETURN NULL;
      END $$`);
    for (const [event, tables] of [
      ['INSERT', 'NEW TABLE AS new_rows'],
      ['UPDATE', 'OLD TABLE AS old_rows NEW TABLE AS new_rows'],
      ['DELETE', 'OLD TABLE AS old_rows'],
    ]) {
      await q.query(`
        CREATE TRIGGER kpi_monthly_rollups_${event.toLowerCase()} AFTER ${event} ON kpi_daily_rollups
        REFERENCING ${tables} FOR EACH STATEMENT EXECUTE FUNCTION kpi_monthly_rollups_follow()`);
    }
    await q.query(`
      CREATE TRIGGER kpi_monthly_rollups_truncate AFTER TRUNCATE ON kpi_daily_rollups
      FOR EACH STATEMENT EXECUTE FUNCTION kpi_monthly_rollups_follow()`);
    // The triggers' lock on kpi_daily_rollups holds writers until this transaction commits.
    await q.query(`
      INSERT INTO kpi_monthly_rollups (month, ${KEY}, ${COUNTERS.join(', ')})
      SELECT date_trunc('month', day)::date, ${KEY}, ${COUNTERS.map((c) => `sum(${c})`).join(', ')}
      FROM kpi_daily_rollups GROUP BY 1, 2, 3, 4`);
    await q.query(`ANALYZE kpi_monthly_rollups`);

    await q.query(`
      CREATE INDEX applications_open_kpi ON applications (received_at)
      INCLUDE (${OPEN_KPI_COLUMNS}) WHERE status IN ${OPEN_STATUSES}`);
    await q.query(`
      CREATE INDEX satisfaction_ratings_rated_at_score ON satisfaction_ratings (rated_at)
      INCLUDE (score, department_id)`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX satisfaction_ratings_rated_at_score`);
    await q.query(`DROP INDEX applications_open_kpi`);
    for (const event of ['insert', 'update', 'delete', 'truncate']) {
      await q.query(`DROP TRIGGER kpi_monthly_rollups_${event} ON kpi_daily_rollups`);
    }
    await q.query(`DROP FUNCTION kpi_monthly_rollups_follow()`);
    await q.query(`DROP TABLE kpi_monthly_rollups`);
  }
}
