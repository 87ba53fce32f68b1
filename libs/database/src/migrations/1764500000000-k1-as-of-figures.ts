import { MigrationInterface, QueryRunner } from 'typeorm';

/** The daily/monthly roll-up counters after this migration (the trigger sums each of them). */
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
  'stopped_on_time',
  'stopped_late',
  'withdrawn_on_time',
  'withdrawn_late',
  'awaiting_supplement_on_time',
  'awaiting_supplement_late',
  'returned',
  'returned_by_post',
];
const PREVIOUS_COUNTERS = COUNTERS.slice(0, 11);
const NEW_COUNTERS = COUNTERS.slice(11);
const KEY = 'department_id, procedure_id, channel';

/** K1 and the other indicators of a closed period, per department × procedure code × channel. */
const PERIOD_COUNTERS = [
  'carried_over',
  'received',
  'resolved_early',
  'resolved_on_day',
  'resolved_late',
  'stopped_on_time',
  'stopped_late',
  'withdrawn_on_time',
  'withdrawn_late',
  'awaiting_supplement_on_time',
  'awaiting_supplement_late',
  'open_on_time',
  'open_late',
  'completed',
  'completed_working_days',
  'completed_signed',
  'returned',
  'returned_by_post',
  'apologies',
  'supplement_requests',
];

function followFunction(counters: string[]): string {
  const applyDelta = (sources: string[]) => `
    INSERT INTO kpi_monthly_rollups AS m (month, ${KEY}, ${counters.join(', ')})
    SELECT date_trunc('month', day)::date, ${KEY}, ${counters.map((c) => `sum(${c})`).join(', ')}
    FROM (${sources.join(' UNION ALL ')}) d
    GROUP BY 1, 2, 3, 4
    ORDER BY 1, 2, 3, 4
    ON CONFLICT (month, ${KEY}) DO UPDATE SET
      ${counters.map((c) => `${c} = m.${c} + EXCLUDED.${c}`).join(', ')};`;
  const fromNew = `SELECT day, ${KEY}, ${counters.join(', ')} FROM new_rows`;
  const fromOld = `SELECT day, ${KEY}, ${counters.map((c) => `-${c} AS ${c}`).join(', ')} FROM old_rows`;
  return `
    CREATE OR REPLACE FUNCTION kpi_monthly_rollups_follow() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP = 'INSERT' THEN ${applyDelta([fromNew])}
      ELSIF TG_OP = 'UPDATE' THEN ${applyDelta([fromNew, fromOld])}
      ELSIF TG_OP = 'DELETE' THEN ${applyDelta([fromOld])}
      ELSE TRUNCATE kpi_monthly_rollups;
      END IF;
      RETURN NULL;
    END $$`;
}

/**
 * K1 as the legal formula has it, for any period, judged at the period's end (issue 8):
 *
 * - kpi_k1_segments: each application's K1 standing over intervals of "as of" instants (see
 *   libs/domain k1Segments). Who counts in a period [S, T) and how is one query: the segments
 *   holding at T that are open, or ended at or after S. Closed ones are found by their end time,
 *   open ones by their validity range (GiST); the current open ones by a small partial index.
 * - kpi_application_facts: what each application has added to the roll-ups, so that the worker
 *   recomputes an application from its history and applies only the difference (order of
 *   events, redelivery and repair all come out the same).
 * - kpi_daily_rollups / kpi_monthly_rollups gain the current standing of ended clocks by their
 *   end day (stopped, withdrawn, awaiting a supplement; results were already there) and returns
 *   (K7). The roll-ups are derived data: they are emptied here and rebuilt from history by the
 *   worker's catch-up (every application without facts), as the old consumer counted a
 *   different population.
 * - application_outcomes goes: an application's K1 standing is its current segment now.
 * - kpi_period_closures / kpi_period_figures / kpi_period_adjustments: a period's figures frozen
 *   when it ends, with the formula version and settings; later corrections recorded beside
 *   them, never over them. kpi_k1_changes lists back-dated changes to segments, which is what
 *   can make a frozen period need an adjustment.
 */
export class K1AsOfFigures1764500000000 implements MigrationInterface {
  name = 'K1AsOfFigures1764500000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`TRUNCATE kpi_daily_rollups`);
    for (const table of ['kpi_daily_rollups', 'kpi_monthly_rollups']) {
      await q.query(
        `ALTER TABLE ${table} ${NEW_COUNTERS.map((c) => `ADD COLUMN ${c} integer NOT NULL DEFAULT 0`).join(', ')}`,
      );
    }
    await q.query(followFunction(COUNTERS));

    await q.query(`
      CREATE TABLE kpi_k1_segments (
        application_id uuid NOT NULL REFERENCES applications(id),
        valid_from timestamptz NOT NULL,
        valid_to timestamptz,
        category text NOT NULL CHECK (category IN ('resolved', 'stopped', 'withdrawn', 'awaiting_supplement', 'open')),
        end_at timestamptz,
        verdict text CHECK (verdict IN ('early', 'on_day', 'late')),
        late_from timestamptz,
        received_at timestamptz NOT NULL,
        department_id uuid NOT NULL,
        procedure_code text NOT NULL,
        channel text NOT NULL,
        PRIMARY KEY (application_id, valid_from),
        CHECK ((category = 'open') = (end_at IS NULL)),
        CHECK ((category = 'open') = (verdict IS NULL)),
        CHECK (category = 'open' OR late_from IS NULL),
        CHECK (valid_to IS NULL OR valid_to > valid_from)
      )`);
    await q.query(`
      CREATE INDEX kpi_k1_segments_closed_by_end ON kpi_k1_segments (end_at)
      INCLUDE (valid_from, valid_to, category, verdict, received_at, department_id, procedure_code, channel)
      WHERE category <> 'open'`);
    await q.query(`
      CREATE INDEX kpi_k1_segments_open_validity ON kpi_k1_segments
      USING gist (tstzrange(valid_from, valid_to, '(]')) WHERE category = 'open'`);
    await q.query(`
      CREATE INDEX kpi_k1_segments_open_now ON kpi_k1_segments (department_id, procedure_code, channel, late_from)
      WHERE category = 'open' AND valid_to IS NULL`);

    await q.query(`
      CREATE TABLE kpi_application_facts (
        application_id uuid PRIMARY KEY REFERENCES applications(id),
        department_id uuid NOT NULL,
        procedure_id uuid NOT NULL,
        channel text NOT NULL,
        contributions jsonb NOT NULL,
        computed_at timestamptz NOT NULL
      )`);

    // The nightly reconciliation recomputes the applications touched on a day.
    await q.query(`CREATE INDEX application_history_at ON application_history (at)`);
    await q.query(`DROP TABLE application_outcomes`);
    // The exact figures of a period (closing it, or a range not closed) count returns, apology
    // letters and supplement requests by their time.
    await q.query(
      `CREATE INDEX applications_returned_at ON applications (returned_at) WHERE returned_at IS NOT NULL`,
    );
    await q.query(`CREATE INDEX apologies_issued_at ON apologies (issued_at)`);
    await q.query(
      `CREATE INDEX application_supplements_requested_at ON application_supplements (requested_at)`,
    );

    await q.query(`
      CREATE TABLE kpi_k1_changes (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        application_id uuid NOT NULL REFERENCES applications(id),
        affected_from timestamptz NOT NULL,
        recorded_at timestamptz NOT NULL,
        cause text NOT NULL
      )`);
    await q.query(`CREATE INDEX kpi_k1_changes_affected ON kpi_k1_changes (affected_from)`);

    await q.query(`
      CREATE TABLE kpi_period_closures (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        period_kind text NOT NULL CHECK (period_kind IN ('month', 'quarter', 'half', 'nine-months', 'year')),
        period_type text NOT NULL CHECK (period_type IN ('calendar', 'administrative')),
        period_from date NOT NULL,
        period_to date NOT NULL,
        closed_at timestamptz NOT NULL,
        closed_by uuid REFERENCES users(id),
        close_note text,
        formula_version text NOT NULL,
        settings jsonb NOT NULL,
        checked_changes_to bigint NOT NULL DEFAULT 0,
        reopened_at timestamptz,
        reopened_by uuid REFERENCES users(id),
        reopen_reason text,
        CHECK (period_to >= period_from),
        CHECK ((reopened_at IS NULL) = (reopen_reason IS NULL))
      )`);
    // One closure in force per period; re-opened ones stay as the period's history.
    await q.query(`
      CREATE UNIQUE INDEX kpi_period_closures_in_force
      ON kpi_period_closures (period_kind, period_type, period_from) WHERE reopened_at IS NULL`);

    await q.query(`
      CREATE TABLE kpi_period_figures (
        closure_id uuid NOT NULL REFERENCES kpi_period_closures(id),
        department_id uuid NOT NULL REFERENCES departments(id),
        procedure_code text NOT NULL,
        channel text NOT NULL,
        ${PERIOD_COUNTERS.map((c) => `${c} integer NOT NULL DEFAULT 0`).join(',\n        ')},
        PRIMARY KEY (closure_id, department_id, procedure_code, channel)
      )`);

    await q.query(`
      CREATE TABLE kpi_period_adjustments (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        closure_id uuid NOT NULL REFERENCES kpi_period_closures(id),
        detected_at timestamptz NOT NULL,
        cause text NOT NULL,
        application_codes text[] NOT NULL,
        figures jsonb NOT NULL
      )`);
    await q.query(
      `CREATE INDEX kpi_period_adjustments_closure ON kpi_period_adjustments (closure_id, detected_at)`,
    );
    // Frozen figures and their adjustments are a record: never edited, never deleted.
    await q.query(`
      CREATE FUNCTION forbid_kpi_record_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION '% is append-only', TG_TABLE_NAME;
      END $$`);
    for (const table of ['kpi_period_figures', 'kpi_period_adjustments']) {
      await q.query(`
        CREATE TRIGGER ${table}_append_only BEFORE UPDATE OR DELETE ON ${table}
        FOR EACH ROW EXECUTE FUNCTION forbid_kpi_record_change()`);
      await q.query(`
        CREATE TRIGGER ${table}_no_truncate BEFORE TRUNCATE ON ${table}
        FOR EACH STATEMENT EXECUTE FUNCTION forbid_kpi_record_change()`);
    }
  }

  public async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'kpi_period_adjustments',
      'kpi_period_figures',
      'kpi_period_closures',
      'kpi_k1_changes',
      'kpi_application_facts',
      'kpi_k1_segments',
    ]) {
      await q.query(`DROP TABLE ${table}`);
    }
    await q.query(`DROP FUNCTION forbid_kpi_record_change()`);
    await q.query(`DROP INDEX application_history_at`);
    await q.query(`DROP INDEX applications_returned_at`);
    await q.query(`DROP INDEX apologies_issued_at`);
    await q.query(`DROP INDEX application_supplements_requested_at`);
    await q.query(`
      CREATE TABLE application_outcomes (
        application_id uuid PRIMARY KEY REFERENCES applications(id),
        outcome text NOT NULL CHECK (outcome IN ('early', 'on_time', 'late')),
        end_at timestamptz NOT NULL,
        end_adjusted_at timestamptz NOT NULL,
        classified_at timestamptz NOT NULL
      )`);
    await q.query(followFunction(PREVIOUS_COUNTERS));
    for (const table of ['kpi_daily_rollups', 'kpi_monthly_rollups']) {
      await q.query(
        `ALTER TABLE ${table} ${NEW_COUNTERS.map((c) => `DROP COLUMN ${c}`).join(', ')}`,
      );
    }
  }
}
