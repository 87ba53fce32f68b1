import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Feedback and petitions (phản ánh, kiến nghị — PAKN; domain spec §8). The working-day limits
 * live in a versioned rule table (version 1 = the spec's K9 defaults, "unconfirmed"); each
 * petition pins the version it was received under and stores its computed deadlines. One row
 * per forward, with its own deadline.
 */
export class Petitions17645400000001 implements MigrationInterface {
  name = 'Petitions17645400000001';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE petition_rule_versions (
        version integer PRIMARY KEY,
        valid_from timestamptz NOT NULL UNIQUE,
        refuse_days integer NOT NULL CHECK (refuse_days BETWEEN 1 AND 60),
        clarify_days integer NOT NULL CHECK (clarify_days BETWEEN 1 AND 60),
        forward_days integer NOT NULL CHECK (forward_days BETWEEN 1 AND 60),
        answer_days integer NOT NULL CHECK (answer_days BETWEEN 1 AND 120),
        publish_days integer NOT NULL CHECK (publish_days BETWEEN 1 AND 60),
        source text NOT NULL
      )`);
    await q.query(`
      INSERT INTO petition_rule_versions
        (version, valid_from, refuse_days, clarify_days, forward_days, answer_days, publish_days, source)
      VALUES (1, '2000-01-01T00:00:00Z', 2, 5, 5, 15, 2,
        'Domain spec §4 K9 and §8 (766 method; Decree 20/2008 as amended): unconfirmed defaults')`);
    await q.query(`
      CREATE TABLE petitions (
        id uuid PRIMARY KEY,
        code text NOT NULL UNIQUE,
        channel text NOT NULL CHECK (channel IN ('web', 'in_person', 'phone', 'post', 'email')),
        status text NOT NULL CHECK (status IN ('received', 'not_accepted', 'clarification_requested',
          'forwarded', 'in_progress', 'answered', 'published')),
        title text NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
        content text NOT NULL CHECK (length(content) BETWEEN 1 AND 10000),
        petitioner_name text NOT NULL,
        petitioner_address text NOT NULL,
        petitioner_phone text,
        petitioner_email text,
        application_id uuid REFERENCES applications(id),
        procedure_code text,
        consent_to_publish boolean NOT NULL DEFAULT false,
        rule_version integer NOT NULL REFERENCES petition_rule_versions(version),
        received_at timestamptz NOT NULL,
        refuse_due_at timestamptz NOT NULL,
        clarify_due_at timestamptz NOT NULL,
        forward_due_at timestamptz NOT NULL,
        answer_due_at timestamptz NOT NULL,
        publish_due_at timestamptz,
        not_accepted_at timestamptz,
        not_accepted_reason text,
        clarification_requested_at timestamptz,
        clarification_request text,
        in_progress_at timestamptz,
        answered_at timestamptz,
        answer text,
        published_at timestamptz,
        published_content text,
        published_answer text,
        recorded_by uuid REFERENCES users(id),
        version integer NOT NULL DEFAULT 1,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX petitions_received_at ON petitions (received_at, id)`);
    await q.query(`CREATE INDEX petitions_updated_at ON petitions (updated_at)`);
    await q.query(
      `CREATE INDEX petitions_application ON petitions (application_id) WHERE application_id IS NOT NULL`,
    );
    await q.query(
      `CREATE INDEX petitions_published ON petitions (published_at DESC, id) WHERE status = 'published'`,
    );
    await q.query(`
      CREATE TABLE petition_forwards (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        petition_id uuid NOT NULL REFERENCES petitions(id) ON DELETE CASCADE,
        forwarded_at timestamptz NOT NULL,
        to_body text NOT NULL CHECK (length(to_body) BETWEEN 1 AND 300),
        due_at timestamptz NOT NULL,
        note text,
        forwarded_by uuid REFERENCES users(id)
      )`);
    await q.query(`CREATE INDEX petition_forwards_petition ON petition_forwards (petition_id, id)`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE petition_forwards`);
    await q.query(`DROP TABLE petitions`);
    await q.query(`DROP TABLE petition_rule_versions`);
  }
}
