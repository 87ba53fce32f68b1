import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Whether the applicant is a person or an organisation: letters address a person "Ông/Bà …"
 * and an organisation by its name. Existing rows are people (the only kind intake knew).
 */
export class ApplicantKind17646100000000 implements MigrationInterface {
  name = 'ApplicantKind17646100000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE applications ADD COLUMN applicant_kind text NOT NULL DEFAULT 'person'
      CHECK (applicant_kind IN ('person', 'organization'))`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE applications DROP COLUMN applicant_kind`);
  }
}
