import { MigrationInterface, QueryRunner } from 'typeorm';

const BEFORE = `'submitted', 'received', 'not_accepted', 'processing', 'supplement_requested',
  'payment_required', 'withdrawal_requested', 'stopped', 'result_ready', 'result_returned'`;

/**
 * The desk stage "incomplete at the desk" (spec §2, Mẫu 02): a walk-in turned away with written
 * guidance is recorded as what it is, instead of as an invented submission. Never received, so
 * no K1 row (the population is received_at IS NOT NULL).
 */
export class IncompleteAtDesk17645170000000 implements MigrationInterface {
  name = 'IncompleteAtDesk17645170000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE applications DROP CONSTRAINT applications_status_check`);
    await q.query(`ALTER TABLE applications ADD CONSTRAINT applications_status_check
      CHECK (status IN (${BEFORE}, 'incomplete_at_desk'))`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE applications DROP CONSTRAINT applications_status_check`);
    await q.query(`ALTER TABLE applications ADD CONSTRAINT applications_status_check
      CHECK (status IN (${BEFORE}))`);
  }
}
