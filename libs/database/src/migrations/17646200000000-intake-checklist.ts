import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Intake by checklist (issue 10 item 5). The procedure's required documents (thành phần hồ sơ,
 * added for online submission) gain what the desk checks: original or copy, how many copies, an
 * order and whether the document is still asked for; each gets a stable id, so the admin can
 * reorder and rename without losing what applications received. What the desk received is
 * recorded per application (a snapshot of name, original/copy and copies: a later edit of the
 * list never rewrites an application's record), append-only like the rest of the record.
 */
export class IntakeChecklist17646200000000 implements MigrationInterface {
  name = 'IntakeChecklist17646200000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE procedure_documents
        ADD COLUMN id uuid NOT NULL DEFAULT gen_random_uuid(),
        ADD COLUMN form text NOT NULL DEFAULT 'copy' CHECK (form IN ('original', 'copy')),
        ADD COLUMN copies smallint NOT NULL DEFAULT 1 CHECK (copies BETWEEN 1 AND 99),
        ADD COLUMN active boolean NOT NULL DEFAULT true`);
    await q.query(`ALTER TABLE procedure_documents DROP CONSTRAINT procedure_documents_pkey`);
    await q.query(`ALTER TABLE procedure_documents ADD PRIMARY KEY (id)`);
    // Deferred: a reorder moves positions one row at a time inside one transaction.
    await q.query(`
      ALTER TABLE procedure_documents ADD CONSTRAINT procedure_documents_position
        UNIQUE (procedure_code, position) DEFERRABLE INITIALLY DEFERRED`);
    await q.query(`
      CREATE TABLE application_received_documents (
        application_id uuid NOT NULL REFERENCES applications(id),
        position smallint NOT NULL CHECK (position BETWEEN 1 AND 50),
        procedure_document_id uuid NOT NULL REFERENCES procedure_documents(id),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 300),
        form text NOT NULL CHECK (form IN ('original', 'copy')),
        copies smallint NOT NULL CHECK (copies BETWEEN 1 AND 99),
        PRIMARY KEY (application_id, position),
        UNIQUE (application_id, procedure_document_id)
      )`);
    // The admin asks whether a document was ever received before removing it.
    await q.query(`
      CREATE INDEX application_received_documents_document
        ON application_received_documents (procedure_document_id)`);
    await q.query(`
      CREATE TRIGGER application_received_documents_append_only
        BEFORE UPDATE OR DELETE ON application_received_documents
        FOR EACH ROW EXECUTE FUNCTION record_append_only()`);
    await q.query(`
      CREATE TRIGGER application_received_documents_no_truncate
        BEFORE TRUNCATE ON application_received_documents
        FOR EACH STATEMENT EXECUTE FUNCTION record_append_only()`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE application_received_documents`);
    await q.query(
      `ALTER TABLE procedure_documents DROP CONSTRAINT procedure_documents_position, DROP CONSTRAINT procedure_documents_pkey`,
    );
    await q.query(`ALTER TABLE procedure_documents ADD PRIMARY KEY (procedure_code, position)`);
    await q.query(`
      ALTER TABLE procedure_documents
        DROP COLUMN active, DROP COLUMN copies, DROP COLUMN form, DROP COLUMN id`);
  }
}
