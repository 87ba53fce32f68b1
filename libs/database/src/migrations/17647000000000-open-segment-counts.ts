import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Open K1 clocks counted per (department, procedure, channel, late_from), kept by statement
 * triggers on kpi_k1_segments, for the live figures of a running period (issue 8).
 *
 * The live quarter counted the ~49 k current open segments at 10 M applications on every
 * request: an index-only scan of 8 ms warm, 25–40 ms when the two cores were shared, which
 * put its p99 at 51 ms against a 50 ms target. Those rows fall in ~3.7 k groups, since
 * late_from is the start of a local day; counting the groups reads 13× fewer rows.
 *
 * Exactness: a group holds every current open segment (valid_to IS NULL) whatever its
 * valid_from; the few that start after the instant asked (none in normal running: the worker
 * writes a segment once its event has happened) are subtracted by the reader through
 * kpi_k1_segments_open_from, which replaces the covering index the old count used.
 * late_from NULL (never late) is stored as 'infinity', so one comparison judges every group.
 *
 * No deadlocks: the worker replaces an application's segments by DELETE then INSERT in one
 * transaction, and two workers' statements would lock shared groups in opposite orders if
 * each updated the counts. So a statement only appends its delta per group to
 * kpi_k1_open_count_deltas (no lock on anything shared), and whoever gets the compaction lock
 * without waiting (pg_try_advisory_xact_lock) folds every committed delta into the counts, in
 * one statement; only the lock's holder ever writes the counts. Readers add the few deltas not
 * yet folded: the sum of both tables is exact in any snapshot.
 */
const GROUP = 'department_id, procedure_code, channel, late_from';
const OPEN_CURRENT = `category = 'open' AND valid_to IS NULL`;
/** pg_try_advisory_xact_lock's key for folding the deltas: any constant no one else uses. */
const COMPACTION_LOCK = `hashtext('kpi_k1_open_counts')`;

function appendDelta(sources: string[]): string {
  return `
    INSERT INTO kpi_k1_open_count_deltas (${GROUP}, n)
    SELECT department_id, procedure_code, channel, coalesce(late_from, 'infinity'), sum(n)::int
    FROM (${sources.join(' UNION ALL ')}) d
    GROUP BY 1, 2, 3, 4 HAVING sum(n) <> 0;`;
}
const fromNew = `SELECT ${GROUP}, 1 AS n FROM new_rows WHERE ${OPEN_CURRENT}`;
const fromOld = `SELECT ${GROUP}, -1 AS n FROM old_rows WHERE ${OPEN_CURRENT}`;

const FOLD_DELTAS = `
  WITH moved AS (DELETE FROM kpi_k1_open_count_deltas RETURNING ${GROUP}, n)
  INSERT INTO kpi_k1_open_counts AS c (${GROUP}, n)
  SELECT ${GROUP}, sum(n)::int FROM moved GROUP BY 1, 2, 3, 4 HAVING sum(n) <> 0
  ON CONFLICT (${GROUP}) DO UPDATE SET n = c.n + EXCLUDED.n;
  DELETE FROM kpi_k1_open_counts WHERE n = 0;`;

/** Recounts the table from the segments, for the segments that existed before the triggers. */
const REBUILD_OPEN_SEGMENT_COUNTS = `
  WITH emptied AS (DELETE FROM kpi_k1_open_counts),
       folded AS (DELETE FROM kpi_k1_open_count_deltas)
  INSERT INTO kpi_k1_open_counts (${GROUP}, n)
  SELECT department_id, procedure_code, channel, coalesce(late_from, 'infinity'), count(*)::int
  FROM kpi_k1_segments WHERE ${OPEN_CURRENT}
  GROUP BY 1, 2, 3, 4`;

export class OpenSegmentCounts17647000000000 implements MigrationInterface {
  name = 'OpenSegmentCounts17647000000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE kpi_k1_open_counts (
        department_id uuid NOT NULL,
        procedure_code text NOT NULL,
        channel text NOT NULL,
        late_from timestamptz NOT NULL,
        n integer NOT NULL,
        PRIMARY KEY (${GROUP})
      )`);
    await q.query(`
      CREATE TABLE kpi_k1_open_count_deltas (
        department_id uuid NOT NULL,
        procedure_code text NOT NULL,
        channel text NOT NULL,
        late_from timestamptz NOT NULL,
        n integer NOT NULL
      )`);
    // Transition tables need one trigger per event; the function picks its statement by TG_OP.
    await q.query(`
      CREATE FUNCTION kpi_k1_open_counts_follow() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'TRUNCATE' THEN
          DELETE FROM kpi_k1_open_count_deltas;
          DELETE FROM kpi_k1_open_counts;
          RETURN NULL;
        ELSIF TG_OP = 'INSERT' THEN ${appendDelta([fromNew])}
        ELSIF TG_OP = 'UPDATE' THEN ${appendDelta([fromNew, fromOld])}
        ELSE ${appendDelta([fromOld])}
        END IF;
        IF pg_try_advisory_xact_lock(${COMPACTION_LOCK}) THEN ${FOLD_DELTAS}
        END IF;
        RETURN NULL;
      END $$`);
    for (const [event, tables] of [
      ['INSERT', 'NEW TABLE AS new_rows'],
      ['UPDATE', 'OLD TABLE AS old_rows NEW TABLE AS new_rows'],
      ['DELETE', 'OLD TABLE AS old_rows'],
    ]) {
      await q.query(`
        CREATE TRIGGER kpi_k1_open_counts_${event.toLowerCase()} AFTER ${event} ON kpi_k1_segments
        REFERENCING ${tables} FOR EACH STATEMENT EXECUTE FUNCTION kpi_k1_open_counts_follow()`);
    }
    await q.query(`
      CREATE TRIGGER kpi_k1_open_counts_truncate AFTER TRUNCATE ON kpi_k1_segments
      FOR EACH STATEMENT EXECUTE FUNCTION kpi_k1_open_counts_follow()`);
    // The triggers' lock on kpi_k1_segments holds the worker until this transaction commits.
    await q.query(REBUILD_OPEN_SEGMENT_COUNTS);
    await q.query(`ANALYZE kpi_k1_open_counts, kpi_k1_open_count_deltas`);

    await q.query(`DROP INDEX kpi_k1_segments_open_now`);
    await q.query(`
      CREATE INDEX kpi_k1_segments_open_from ON kpi_k1_segments (valid_from) WHERE ${OPEN_CURRENT}`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX kpi_k1_segments_open_from`);
    await q.query(`
      CREATE INDEX kpi_k1_segments_open_now ON kpi_k1_segments (department_id, procedure_code, channel, late_from)
      INCLUDE (valid_from) WHERE ${OPEN_CURRENT}`);
    for (const event of ['insert', 'update', 'delete', 'truncate']) {
      await q.query(`DROP TRIGGER kpi_k1_open_counts_${event} ON kpi_k1_segments`);
    }
    await q.query(`DROP FUNCTION kpi_k1_open_counts_follow()`);
    await q.query(`DROP TABLE kpi_k1_open_count_deltas`);
    await q.query(`DROP TABLE kpi_k1_open_counts`);
  }
}
