import type { Pool } from 'pg';

/**
 * Append-only logs that grow on rejected requests by design, so they are left out of "a
 * rejected request changes nothing": the security audit log records failed logins, lockouts
 * and refusals (issue 9, deliver 10), and its head row moves with it.
 */
export const GROW_ON_REJECTION = new Set(['security_audit_log', 'security_audit_head']);

export interface RowCounts {
  /** Exact row counts of every table (from information_schema: tables added later count too). */
  counts(): Promise<Record<string, number>>;
  /** How many INSERT, DELETE or TRUNCATE statements have run (committed or not) so far. */
  writes(): Promise<number>;
}

/**
 * Counting rows of every table after each of 10,000 requests costs minutes, so the test's own
 * database gets statement triggers that bump a sequence on every INSERT, DELETE and TRUNCATE
 * (a sequence, not a row: it never blocks the API's transactions, and rolled-back writes bump
 * it too). When it has not moved, no row count can have changed; when it has, the rows are
 * counted exactly.
 */
export async function watchRowCounts(db: Pool): Promise<RowCounts> {
  const { rows } = await db.query<{ table_name: string }>(
    `SELECT table_name FROM information_schema.tables
     WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name`,
  );
  const tables = rows.map((r) => r.table_name).filter((name) => !GROW_ON_REJECTION.has(name));
  if (tables.length === 0) {
    throw new Error('no tables found: the row-count comparison would check nothing');
  }
  await db.query(`
    CREATE SEQUENCE IF NOT EXISTS fuzz_write_statements;
    CREATE OR REPLACE FUNCTION fuzz_count_write() RETURNS trigger LANGUAGE plpgsql AS
      $$ BEGIN PERFORM nextval('fuzz_write_statements'); RETURN NULL; END $$;
    ${tables
      .map(
        (name) => `CREATE OR REPLACE TRIGGER fuzz_count_write AFTER INSERT OR DELETE OR TRUNCATE
                   ON "${name}" FOR EACH STATEMENT EXECUTE FUNCTION fuzz_count_write();`,
      )
      .join('\n')}`);
  const countSql = tables
    .map((name) => `SELECT '${name}' AS name, count(*)::int AS n FROM "${name}"`)
    .join(' UNION ALL ');
  return {
    async counts() {
      const counted = await db.query<{ name: string; n: number }>(countSql);
      return Object.fromEntries(counted.rows.map((r) => [r.name, r.n]));
    },
    async writes() {
      const seq = await db.query<{ n: string }>(
        `SELECT CASE WHEN is_called THEN last_value ELSE 0 END AS n FROM fuzz_write_statements`,
      );
      return Number(seq.rows[0].n);
    },
  };
}

/** The tables whose counts differ, with before → after. */
export function changedTables(
  before: Record<string, number>,
  after: Record<string, number>,
): string[] {
  return Object.keys({ ...before, ...after })
    .filter((name) => before[name] !== after[name])
    .map((name) => `${name} ${before[name]} → ${after[name]}`);
}
