import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Signed results (issue 13 item 3, K6). The electronic result of an application, signed here
 * (PKCS#12 or the remote-signing service) or uploaded already signed, with the verifier's
 * report at the time it was stored; its bytes are in the FileStore under sha256. The latest
 * row is the application's result; rows are never changed (a new result is a new row).
 * Which procedures require a verified signed result before "result ready" is a rule per
 * procedure code (not per version: it is the Department's current policy, applied when the
 * result is marked ready), changed by an administrator.
 */
export class SignedResults17646600000000 implements MigrationInterface {
  name = 'SignedResults17646600000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE result_documents (
        id uuid PRIMARY KEY,
        application_id uuid NOT NULL REFERENCES applications(id) ON DELETE CASCADE,
        sha256 char(64) NOT NULL,
        size_bytes integer NOT NULL CHECK (size_bytes > 0),
        source text NOT NULL CHECK (source IN ('signed_here', 'uploaded')),
        result_number text CHECK (length(result_number) BETWEEN 1 AND 100),
        created_by uuid NOT NULL REFERENCES users(id),
        created_at timestamptz NOT NULL,
        verified boolean NOT NULL,
        verification jsonb NOT NULL
      )`);
    await q.query(
      `CREATE INDEX result_documents_application ON result_documents (application_id, created_at DESC, id)`,
    );
    await q.query(`
      CREATE TABLE procedure_result_signing (
        procedure_code text PRIMARY KEY,
        requires_signed_result boolean NOT NULL,
        updated_by uuid NOT NULL REFERENCES users(id),
        updated_at timestamptz NOT NULL
      )`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE procedure_result_signing`);
    await q.query(`DROP TABLE result_documents`);
  }
}
