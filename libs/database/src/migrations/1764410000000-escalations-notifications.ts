import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Escalations raised from deadline alerts, their policy overrides, apology drafts, in-app
 * notifications and the e-mail digests that deliver them (issue 3).
 */
export class EscalationsNotifications1764410000000 implements MigrationInterface {
  name = 'EscalationsNotifications1764410000000';

  public async up(q: QueryRunner): Promise<void> {
    // Overrides of the config defaults. The most specific row wins: department + procedure,
    // then procedure, then department; a NULL column falls back to the next row or config.
    await q.query(`
      CREATE TABLE escalation_policies (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        department_id uuid REFERENCES departments(id),
        procedure_code text,
        overdue_working_days integer CHECK (overdue_working_days >= 1),
        supervising_office_email text,
        apology_working_days integer CHECK (apology_working_days >= 1),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE UNIQUE INDEX escalation_policies_scope ON escalation_policies
        (coalesce(department_id, '00000000-0000-0000-0000-000000000000'::uuid), coalesce(procedure_code, ''))`);

    // One row per (application, level), never two.
    await q.query(`
      CREATE TABLE escalations (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        application_id uuid NOT NULL REFERENCES applications(id),
        level smallint NOT NULL CHECK (level BETWEEN 1 AND 4),
        raised_at timestamptz NOT NULL,
        recipients jsonb NOT NULL,
        acknowledged_by uuid REFERENCES users(id),
        acknowledged_at timestamptz,
        UNIQUE (application_id, level)
      )`);
    await q.query(
      `CREATE INDEX escalations_open ON escalations (raised_at) WHERE acknowledged_at IS NULL`,
    );

    await q.query(`
      CREATE TABLE apology_drafts (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        application_id uuid NOT NULL UNIQUE REFERENCES applications(id),
        responsible_department_id uuid NOT NULL REFERENCES departments(id),
        suggested_new_due_at timestamptz NOT NULL,
        reason text,
        created_at timestamptz NOT NULL
      )`);

    await q.query(`
      CREATE TABLE notifications (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        user_id uuid NOT NULL REFERENCES users(id),
        kind text NOT NULL,
        application_id uuid REFERENCES applications(id),
        title text NOT NULL,
        body text NOT NULL,
        created_at timestamptz NOT NULL,
        read_at timestamptz,
        emailed_at timestamptz
      )`);
    await q.query(`CREATE INDEX notifications_user ON notifications (user_id, id)`);
    await q.query(
      `CREATE INDEX notifications_unsent ON notifications (user_id, id) WHERE emailed_at IS NULL`,
    );

    await q.query(`
      CREATE TABLE email_digests (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        user_id uuid NOT NULL REFERENCES users(id),
        sent_at timestamptz NOT NULL,
        item_count integer NOT NULL
      )`);
    await q.query(`CREATE INDEX email_digests_user ON email_digests (user_id, sent_at)`);
  }

  public async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'email_digests',
      'notifications',
      'apology_drafts',
      'escalations',
      'escalation_policies',
    ]) {
      await q.query(`DROP TABLE IF EXISTS ${table}`);
    }
  }
}
