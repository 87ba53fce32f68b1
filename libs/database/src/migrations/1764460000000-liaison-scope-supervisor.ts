import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Liên thông scope and the supervising office's account:
 * - the department holding an application (its open step's receiver) finds it in its
 *   worklist through a partial index of open steps by receiver;
 * - a step's own due-soon / overdue alerts, once per (application, step, kind), found by the
 *   sweep through a partial index of open steps by due date;
 * - the `supervisor` role (read-only, receives level-4 escalations in-app).
 * Open steps are at most one per open application, so both indexes stay small.
 */
export class LiaisonScopeSupervisor1764460000000 implements MigrationInterface {
  name = 'LiaisonScopeSupervisor1764460000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE INDEX application_steps_open_to ON application_steps (to_department_id, application_id)
      WHERE completed_at IS NULL`);
    await q.query(`
      CREATE INDEX application_steps_open_due ON application_steps (due_at, application_id)
      WHERE completed_at IS NULL`);

    await q.query(`
      CREATE TABLE step_deadline_alerts (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        application_id uuid NOT NULL,
        seq integer NOT NULL,
        kind text NOT NULL CHECK (kind IN ('due_soon', 'overdue')),
        department_id uuid NOT NULL REFERENCES departments(id),
        raised_at timestamptz NOT NULL,
        source text NOT NULL CHECK (source IN ('job', 'sweep')),
        UNIQUE (application_id, seq, kind),
        FOREIGN KEY (application_id, seq) REFERENCES application_steps (application_id, seq)
      )`);

    // The initial schema's inline CHECK got PostgreSQL's default name.
    await q.query(`ALTER TABLE users DROP CONSTRAINT users_role_check`);
    await q.query(`
      ALTER TABLE users ADD CONSTRAINT users_role_check
        CHECK (role IN ('admin', 'reception', 'officer', 'head', 'director', 'supervisor'))`);
  }

  public async down(q: QueryRunner): Promise<void> {
    // Fails while supervisor accounts exist: deactivate or re-role them first.
    await q.query(`ALTER TABLE users DROP CONSTRAINT users_role_check`);
    await q.query(`
      ALTER TABLE users ADD CONSTRAINT users_role_check
        CHECK (role IN ('admin', 'reception', 'officer', 'head', 'director'))`);
    await q.query(`DROP TABLE step_deadline_alerts`);
    await q.query(`DROP INDEX application_steps_open_due`);
    await q.query(`DROP INDEX application_steps_open_to`);
  }
}
