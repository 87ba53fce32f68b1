import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 15, the clocks:
 * - a supplement request records whether it was late (after its window or the due date), the
 *   head's override and which clock rule applies when it arrives (restart or pause);
 * - an apology records whether it was timely (null for rows issued before this was recorded);
 * - escalations are unique per (application, level, due date), so a moved due date gets its
 *   own reminders. Existing rows are about the due date in force.
 */
export class ClockRules17645100000000 implements MigrationInterface {
  name = 'ClockRules17645100000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE application_supplements
        ADD COLUMN late_because text CHECK (late_because IN ('after_window', 'after_due_date')),
        ADD COLUMN late_override_reason text,
        ADD COLUMN clock_rule text NOT NULL DEFAULT 'restart' CHECK (clock_rule IN ('restart', 'pause')),
        ADD CONSTRAINT application_supplements_late_has_override
          CHECK ((late_because IS NULL) = (late_override_reason IS NULL))`);
    // Reports count them by period through the existing requested_at / issued_at indexes.
    await q.query(`ALTER TABLE apologies ADD COLUMN timely boolean`);

    await q.query(`ALTER TABLE escalations ADD COLUMN due_at timestamptz`);
    await q.query(`
      UPDATE escalations e SET due_at = coalesce(a.due_at, e.raised_at)
      FROM applications a WHERE a.id = e.application_id`);
    await q.query(`ALTER TABLE escalations ALTER COLUMN due_at SET NOT NULL`);
    await q.query(`ALTER TABLE escalations DROP CONSTRAINT escalations_application_id_level_key`);
    await q.query(
      `ALTER TABLE escalations ADD CONSTRAINT escalations_application_level_due UNIQUE (application_id, level, due_at)`,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    // Keeps the latest row per (application, level) so the old key can come back.
    await q.query(`
      DELETE FROM escalations e USING escalations later
      WHERE later.application_id = e.application_id AND later.level = e.level AND later.due_at > e.due_at`);
    await q.query(`ALTER TABLE escalations DROP CONSTRAINT escalations_application_level_due`);
    await q.query(
      `ALTER TABLE escalations ADD CONSTRAINT escalations_application_id_level_key UNIQUE (application_id, level)`,
    );
    await q.query(`ALTER TABLE escalations DROP COLUMN due_at`);
    await q.query(`ALTER TABLE apologies DROP COLUMN timely`);
    await q.query(`
      ALTER TABLE application_supplements
        DROP CONSTRAINT application_supplements_late_has_override,
        DROP COLUMN clock_rule, DROP COLUMN late_override_reason, DROP COLUMN late_because`);
  }
}
