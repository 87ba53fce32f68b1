import { MigrationInterface, QueryRunner } from 'typeorm';

/** The account history names for acts no person did (rows recorded before actors were required). */
export const SYSTEM_ACTOR_ID = '00000000-0000-4000-8000-000000000001';

/** The legal record of an application: appended, never rewritten or emptied. */
const RECORD_TABLES = [
  'application_history',
  'apologies',
  'application_supplements',
  'application_steps',
  'application_step_extensions',
];

/**
 * Columns a row records once, after it was inserted: the end of a step and the receiver's
 * acknowledgement, the arrival of a supplement with its items. NULL → value once; every other
 * change is refused, as are DELETE and TRUNCATE. A correction is a new row.
 */
const WRITE_ONCE: Record<string, string[]> = {
  application_history: [],
  apologies: [],
  application_supplements: ['completed_at', 'completed_by', 'received_items'],
  application_steps: [
    'completed_at',
    'outcome',
    'ending',
    'closed_by',
    'acknowledged_at',
    'acknowledged_by',
  ],
  application_step_extensions: [],
};

/**
 * A complete, append-only record (issue 15, point 10): every history row names its actor and
 * role — a user, or the applicant on the portal (role 'citizen'); older rows without one are
 * attributed to a disabled "system" account, created only if needed — the record tables refuse UPDATE (except the write-once columns above), DELETE and
 * TRUNCATE, a received supplement keeps its items and each step the receiver's acknowledgement.
 */
export class CompleteRecord17645151000000 implements MigrationInterface {
  name = 'CompleteRecord17645151000000';

  public async up(q: QueryRunner): Promise<void> {
    // The applicant acting through the portal (role 'citizen') is named by the application
    // itself; every other line names a user.
    const orphans: Array<{ n: number }> = await q.query(
      `SELECT count(*)::int AS n FROM application_history
       WHERE actor_id IS NULL AND actor_role IS DISTINCT FROM 'citizen'`,
    );
    if (orphans[0].n > 0) {
      // Disabled, with a hash no password matches: it can never log in.
      await q.query(
        `INSERT INTO users (id, username, password_hash, full_name, role, active)
         VALUES ($1, 'system', '!', 'Hệ thống', 'admin', false) ON CONFLICT (id) DO NOTHING`,
        [SYSTEM_ACTOR_ID],
      );
    }
    // The old trigger refused every UPDATE; the backfill is the one rewrite it ever allows.
    await q.query(
      `ALTER TABLE application_history DISABLE TRIGGER application_history_append_only`,
    );
    await q.query(
      `UPDATE application_history
       SET actor_id = CASE WHEN actor_role = 'citizen' THEN actor_id ELSE coalesce(actor_id, $1) END,
           actor_role = coalesce(actor_role, 'system')
       WHERE actor_role IS NULL OR (actor_id IS NULL AND actor_role <> 'citizen')`,
      [SYSTEM_ACTOR_ID],
    );
    await q.query(`ALTER TABLE application_history ENABLE TRIGGER application_history_append_only`);
    await q.query(`ALTER TABLE application_history ALTER COLUMN actor_role SET NOT NULL`);
    await q.query(`
      ALTER TABLE application_history ADD CONSTRAINT application_history_actor
        CHECK (actor_id IS NOT NULL OR actor_role = 'citizen')`);

    await q.query(`ALTER TABLE application_supplements ADD COLUMN received_items jsonb`);
    await q.query(`
      ALTER TABLE application_steps
        ADD COLUMN acknowledged_at timestamptz,
        ADD COLUMN acknowledged_by uuid REFERENCES users(id)`);

    await q.query(`
      CREATE FUNCTION record_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        col text;
        o jsonb;
        n jsonb;
      BEGIN
        IF TG_OP <> 'UPDATE' THEN
          RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP;
        END IF;
        o := to_jsonb(OLD);
        n := to_jsonb(NEW);
        FOREACH col IN ARRAY coalesce(TG_ARGV, '{}'::text[]) LOOP
          IF o->>col IS NOT NULL AND o->col IS DISTINCT FROM n->col THEN
            RAISE EXCEPTION '% is append-only: % is recorded once', TG_TABLE_NAME, col;
          END IF;
          o := o - col;
          n := n - col;
        END LOOP;
        IF o IS DISTINCT FROM n THEN
          RAISE EXCEPTION '% is append-only: UPDATE refused', TG_TABLE_NAME;
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`DROP TRIGGER application_history_append_only ON application_history`);
    await q.query(`DROP FUNCTION forbid_history_change()`);
    for (const table of RECORD_TABLES) {
      const args = WRITE_ONCE[table].map((c) => `'${c}'`).join(', ');
      await q.query(`
        CREATE TRIGGER ${table}_append_only BEFORE UPDATE OR DELETE ON ${table}
        FOR EACH ROW EXECUTE FUNCTION record_append_only(${args})`);
      await q.query(`
        CREATE TRIGGER ${table}_no_truncate BEFORE TRUNCATE ON ${table}
        FOR EACH STATEMENT EXECUTE FUNCTION record_append_only()`);
    }
  }

  public async down(q: QueryRunner): Promise<void> {
    for (const table of RECORD_TABLES) {
      await q.query(`DROP TRIGGER ${table}_no_truncate ON ${table}`);
      await q.query(`DROP TRIGGER ${table}_append_only ON ${table}`);
    }
    await q.query(`DROP FUNCTION record_append_only()`);
    await q.query(`
      CREATE FUNCTION forbid_history_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'application_history is append-only';
      END $$`);
    await q.query(`
      CREATE TRIGGER application_history_append_only BEFORE UPDATE OR DELETE ON application_history
      FOR EACH ROW EXECUTE FUNCTION forbid_history_change()`);
    await q.query(
      `ALTER TABLE application_steps DROP COLUMN acknowledged_at, DROP COLUMN acknowledged_by`,
    );
    await q.query(`ALTER TABLE application_supplements DROP COLUMN received_items`);
    await q.query(`ALTER TABLE application_history DROP CONSTRAINT application_history_actor`);
    await q.query(`ALTER TABLE application_history ALTER COLUMN actor_role DROP NOT NULL`);
  }
}
