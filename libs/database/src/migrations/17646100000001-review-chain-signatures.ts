import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Review and signature (issue 10 item 6, issue 15 point 8): each procedure version carries its
 * review chain (officer → head review → director signature, or shorter). Existing versions keep
 * an empty chain (the officer marks the result ready, as before) until an admin sets one; the
 * API gives new procedures the legal chain. An application records where it is in the chain and
 * the signed result's number, signer and time; an apology records who signed it and in what
 * capacity (the agency's head, or a delegate).
 */
export class ReviewChainSignatures17646100000001 implements MigrationInterface {
  name = 'ReviewChainSignatures17646100000001';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE procedures ADD COLUMN review_chain jsonb NOT NULL DEFAULT '[]'
      CHECK (jsonb_typeof(review_chain) = 'array' AND jsonb_array_length(review_chain) <= 3)`);
    await q.query(`
      ALTER TABLE applications
        ADD COLUMN review_position integer CHECK (review_position >= 0),
        ADD COLUMN result_number text,
        ADD COLUMN result_signed_by uuid REFERENCES users(id),
        ADD COLUMN result_signed_at timestamptz,
        ADD COLUMN result_digitally_signed boolean NOT NULL DEFAULT false`);
    await q.query(`
      ALTER TABLE apologies
        ADD COLUMN signer_capacity text CHECK (signer_capacity IN ('head_of_agency', 'delegate', 'correction'))`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE apologies DROP COLUMN signer_capacity`);
    await q.query(`
      ALTER TABLE applications
        DROP COLUMN review_position, DROP COLUMN result_number, DROP COLUMN result_signed_by,
        DROP COLUMN result_signed_at, DROP COLUMN result_digitally_signed`);
    await q.query(`ALTER TABLE procedures DROP COLUMN review_chain`);
  }
}
