import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The workers' reminders and escalations on the citizens' side (issue 12):
 * - PAKN: one row per (petition, step, kind, due date) — a reminder before each binding
 *   deadline and an escalation once it passed (PETITION_DEADLINE_BINDS in libs/domain); the
 *   primary key makes the sweep idempotent. The sweep walks only petitions in which some
 *   deadline binds, through the partial index petitions_alertable (its predicate is the
 *   domain's PETITION_ALERT_STATUSES; a test checks the sweep's query uses it).
 * - Online checks (spec §7): an online application left `submitted` past its check deadline is
 *   flagged once, with whom it was escalated to. The sweep reads applications_online_inbox.
 */
export class CitizenDeadlineAlerts17646300000000 implements MigrationInterface {
  name = 'CitizenDeadlineAlerts17646300000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE petition_deadline_alerts (
        petition_id uuid NOT NULL REFERENCES petitions(id) ON DELETE CASCADE,
        step text NOT NULL CHECK (step IN ('refuse', 'clarify', 'forward', 'answer',
          'forwarded_answer', 'publish')),
        kind text NOT NULL CHECK (kind IN ('due_soon', 'overdue')),
        due_at timestamptz NOT NULL,
        raised_at timestamptz NOT NULL,
        recipients jsonb NOT NULL,
        PRIMARY KEY (petition_id, step, kind, due_at)
      )`);
    await q.query(`
      CREATE INDEX petitions_alertable ON petitions (received_at, id)
      WHERE status IN ('received', 'clarification_requested', 'forwarded', 'in_progress')
         OR (status = 'answered' AND consent_to_publish)`);
    await q.query(`
      CREATE TABLE online_check_escalations (
        application_id uuid PRIMARY KEY REFERENCES applications(id) ON DELETE CASCADE,
        check_due_at timestamptz NOT NULL,
        raised_at timestamptz NOT NULL,
        recipients jsonb NOT NULL
      )`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE online_check_escalations`);
    await q.query(`DROP INDEX petitions_alertable`);
    await q.query(`DROP TABLE petition_deadline_alerts`);
  }
}
