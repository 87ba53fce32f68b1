import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Inter-agency steps (liên thông; domain spec sections 2 and 5, Mẫu 05 control sheet): one row
 * per hand-over between departments, with that step's own budget, due date and outcome. The
 * open step (completed_at IS NULL) names the department holding the application; with no step
 * it is the lead department, applications.department_id.
 */
export class ApplicationSteps1764420000000 implements MigrationInterface {
  name = 'ApplicationSteps1764420000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE application_steps (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        application_id uuid NOT NULL REFERENCES applications(id),
        seq integer NOT NULL CHECK (seq >= 1),
        from_department_id uuid REFERENCES departments(id),
        to_department_id uuid NOT NULL REFERENCES departments(id),
        handed_over_at timestamptz NOT NULL,
        handed_over_by uuid REFERENCES users(id),
        budget_working_days integer NOT NULL CHECK (budget_working_days >= 0),
        due_at timestamptz NOT NULL,
        completed_at timestamptz,
        outcome text CHECK (outcome IN ('early', 'on_time', 'late')),
        note text,
        CONSTRAINT application_steps_seq UNIQUE (application_id, seq),
        CONSTRAINT application_steps_outcome CHECK ((completed_at IS NULL) = (outcome IS NULL))
      )`);
    // At most one open step per application: the holding department is never ambiguous.
    await q.query(`
      CREATE UNIQUE INDEX application_steps_open ON application_steps (application_id)
      WHERE completed_at IS NULL`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE application_steps`);
  }
}
