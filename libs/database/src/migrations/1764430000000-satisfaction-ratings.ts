import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Citizen satisfaction ratings (K8, domain spec section 4): at most one per application, given
 * on the public status page once the result was returned. Department, procedure and channel are
 * copied from the application so K8 is summed by period and department from this table alone.
 * The scale is configuration (RATING_SCALE_*, "unconfirmed" in the spec); the CHECK only holds
 * the widest scale the configuration accepts (0–10).
 */
export class SatisfactionRatings1764430000000 implements MigrationInterface {
  name = 'SatisfactionRatings1764430000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE satisfaction_ratings (
        application_id uuid PRIMARY KEY REFERENCES applications(id),
        score smallint NOT NULL CHECK (score BETWEEN 0 AND 10),
        comment text CHECK (char_length(comment) BETWEEN 1 AND 1000),
        rated_at timestamptz NOT NULL,
        department_id uuid NOT NULL REFERENCES departments(id),
        procedure_id uuid NOT NULL REFERENCES procedures(id),
        channel text NOT NULL CHECK (channel IN ('direct', 'online', 'postal'))
      )`);
    await q.query(`CREATE INDEX satisfaction_ratings_rated_at ON satisfaction_ratings (rated_at)`);
    await q.query(
      `CREATE INDEX satisfaction_ratings_department_rated_at ON satisfaction_ratings (department_id, rated_at)`,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE satisfaction_ratings`);
  }
}
