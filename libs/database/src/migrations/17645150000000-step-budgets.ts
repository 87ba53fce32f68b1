import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Liên thông steps as the law has them (issue 15, point 4):
 * - procedure_step_budgets: each procedure's internal process, the working days one department
 *   has for its step (none: the time left on the application);
 * - the lead department's own time before the first hand-over is step 0;
 * - a step records why it closed (ending), who closed it, where its budget came from, and
 *   application_step_extensions the due date in force after each applicant wait during it
 *   (appended, the step row keeps its first due date).
 */
export class StepBudgets17645150000000 implements MigrationInterface {
  name = 'StepBudgets17645150000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE procedure_step_budgets (
        procedure_id uuid NOT NULL REFERENCES procedures(id),
        department_id uuid NOT NULL REFERENCES departments(id),
        working_days integer NOT NULL CHECK (working_days BETWEEN 0 AND 365),
        PRIMARY KEY (procedure_id, department_id)
      )`);
    await q.query(`ALTER TABLE application_steps DROP CONSTRAINT application_steps_seq_check`);
    await q.query(
      `ALTER TABLE application_steps ADD CONSTRAINT application_steps_seq_check CHECK (seq >= 0)`,
    );
    await q.query(`
      ALTER TABLE application_steps
        ADD COLUMN ending text CHECK (ending IN ('handed_over', 'result_ready', 'stopped', 'withdrawn', 'rejected')),
        ADD COLUMN closed_by uuid REFERENCES users(id),
        ADD COLUMN budget_source text NOT NULL DEFAULT 'requested'
          CHECK (budget_source IN ('requested', 'process', 'remaining'))`);
    // Every step closed so far was closed by the next hand-over.
    await q.query(
      `UPDATE application_steps SET ending = 'handed_over' WHERE completed_at IS NOT NULL`,
    );
    await q.query(`
      ALTER TABLE application_steps ADD CONSTRAINT application_steps_ending
        CHECK ((completed_at IS NULL) = (ending IS NULL))`);
    // The period report counts each department's steps ended in the period.
    await q.query(
      `CREATE INDEX application_steps_completed_at ON application_steps (completed_at)`,
    );
    await q.query(`
      CREATE TABLE application_step_extensions (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        application_id uuid NOT NULL,
        seq integer NOT NULL,
        paused_from timestamptz NOT NULL,
        paused_to timestamptz NOT NULL,
        due_at timestamptz NOT NULL,
        recorded_at timestamptz NOT NULL,
        FOREIGN KEY (application_id, seq) REFERENCES application_steps (application_id, seq)
      )`);
    await q.query(`
      CREATE INDEX application_step_extensions_step ON application_step_extensions (application_id, seq, id)`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE application_step_extensions`);
    await q.query(`DROP INDEX application_steps_completed_at`);
    await q.query(`ALTER TABLE application_steps DROP CONSTRAINT application_steps_ending`);
    await q.query(`
      ALTER TABLE application_steps DROP COLUMN ending, DROP COLUMN closed_by, DROP COLUMN budget_source`);
    await q.query(`DELETE FROM application_steps WHERE seq = 0`);
    await q.query(`ALTER TABLE application_steps DROP CONSTRAINT application_steps_seq_check`);
    await q.query(
      `ALTER TABLE application_steps ADD CONSTRAINT application_steps_seq_check CHECK (seq >= 1)`,
    );
    await q.query(`DROP TABLE procedure_step_budgets`);
  }
}
