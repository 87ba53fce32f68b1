import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The e-mails sent to petitioners (issue 12, PAKN): one row per outbox event of a petition,
 * written after the send, so a redelivered event mails once (like citizen_mails for
 * applications, which cannot hold petitions: its application_id is required).
 */
export class PetitionMails17646950000000 implements MigrationInterface {
  name = 'PetitionMails17646950000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE petition_mails (
        event_id uuid PRIMARY KEY,
        petition_id uuid NOT NULL REFERENCES petitions(id) ON DELETE CASCADE,
        kind text NOT NULL,
        sent_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX petition_mails_petition ON petition_mails (petition_id, sent_at)`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE petition_mails`);
  }
}
