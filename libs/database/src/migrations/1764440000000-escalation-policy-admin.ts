import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Escalation policy overrides become editable through the API: an optimistic version so two
 * administrators cannot silently overwrite each other, and who made the last change.
 */
export class EscalationPolicyAdmin1764440000000 implements MigrationInterface {
  name = 'EscalationPolicyAdmin1764440000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE escalation_policies
        ADD COLUMN version integer NOT NULL DEFAULT 1 CHECK (version >= 1),
        ADD COLUMN updated_by uuid REFERENCES users(id)`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE escalation_policies DROP COLUMN updated_by, DROP COLUMN version`);
  }
}
