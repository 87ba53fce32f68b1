import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Online submission (issue 12, domain spec §7). Procedures already carry their online level
 * (`online_level`: full = toàn trình, partial = một phần); those not 'none' accept online
 * submissions. Here: the documents each procedure asks for, the uploaded files (bytes in the
 * FileStore, keyed by SHA-256; a row per upload, served only after an access check), the
 * citizen's access secret and the desk's check deadline on the application, and the record
 * of e-mails sent to citizens (one per event, so a redelivered event mails once).
 */
export class OnlineSubmission17645400000000 implements MigrationInterface {
  name = 'OnlineSubmission17645400000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE procedure_documents (
        procedure_code text NOT NULL,
        position smallint NOT NULL CHECK (position BETWEEN 1 AND 50),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 300),
        PRIMARY KEY (procedure_code, position)
      )`);
    await q.query(`
      ALTER TABLE applications
        ADD COLUMN citizen_token_hash text,
        ADD COLUMN online_check_due_at timestamptz`);
    // The desk's online inbox: submitted online applications by check deadline.
    await q.query(`
      CREATE INDEX applications_online_inbox ON applications (online_check_due_at, id)
      WHERE status = 'submitted' AND channel = 'online'`);
    await q.query(`
      CREATE TABLE application_files (
        id uuid PRIMARY KEY,
        application_id uuid REFERENCES applications(id) ON DELETE CASCADE,
        upload_token_hash text NOT NULL,
        document_name text CHECK (length(document_name) <= 300),
        original_name text NOT NULL CHECK (length(original_name) BETWEEN 1 AND 255),
        media_type text NOT NULL CHECK (media_type IN ('application/pdf', 'image/jpeg', 'image/png')),
        size_bytes integer NOT NULL CHECK (size_bytes > 0),
        sha256 char(64) NOT NULL,
        purpose text CHECK (purpose IN ('submission', 'supplement')),
        uploaded_at timestamptz NOT NULL DEFAULT now(),
        attached_at timestamptz
      )`);
    await q.query(
      `CREATE INDEX application_files_application ON application_files (application_id, uploaded_at) WHERE application_id IS NOT NULL`,
    );
    // Uploads never attached to an application are purged after a day (bounded table).
    await q.query(
      `CREATE INDEX application_files_unattached ON application_files (uploaded_at) WHERE application_id IS NULL`,
    );
    await q.query(`
      CREATE TABLE citizen_mails (
        event_id uuid PRIMARY KEY,
        application_id uuid NOT NULL REFERENCES applications(id) ON DELETE CASCADE,
        kind text NOT NULL,
        sent_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX citizen_mails_sent_at ON citizen_mails (sent_at)`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE citizen_mails`);
    await q.query(`DROP TABLE application_files`);
    await q.query(`DROP INDEX applications_online_inbox`);
    await q.query(
      `ALTER TABLE applications DROP COLUMN online_check_due_at, DROP COLUMN citizen_token_hash`,
    );
    await q.query(`DROP TABLE procedure_documents`);
  }
}
