import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * DVCQG (national portal) sync: one record per application version from the outbox, one
 * state row per application (what the portal has acknowledged: the dossier payload's hash and
 * the last progress row), and the nightly reconciliation's runs (its watermark).
 */
export class PortalSync17645500000000 implements MigrationInterface {
  name = 'PortalSync17645500000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE portal_sync_records (
        application_id uuid NOT NULL REFERENCES applications(id),
        version integer NOT NULL,
        event_id uuid NOT NULL,
        event_type text NOT NULL,
        national_status smallint, -- null: a state without a national status
        occurred_at timestamptz NOT NULL,
        state text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'acknowledged', 'dead')),
        acknowledged_at timestamptz,
        PRIMARY KEY (application_id, version)
      )`);
    // The reconciliation's time range and the lag figure read by occurrence time.
    await q.query(
      `CREATE INDEX portal_sync_records_occurred ON portal_sync_records (occurred_at, application_id)`,
    );
    await q.query(
      `CREATE INDEX portal_sync_records_unacknowledged ON portal_sync_records (occurred_at) WHERE state <> 'acknowledged'`,
    );
    await q.query(`
      CREATE TABLE portal_sync_states (
        application_id uuid PRIMARY KEY REFERENCES applications(id),
        dossier_hash text,
        acked_version integer NOT NULL DEFAULT 0,
        acked_progress_id bigint NOT NULL DEFAULT 0,
        acked_at timestamptz,
        state text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'synced', 'dead')),
        attempts integer NOT NULL DEFAULT 0,
        last_error text,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(
      `CREATE INDEX portal_sync_states_dead ON portal_sync_states (updated_at) WHERE state = 'dead'`,
    );
    await q.query(`
      CREATE TABLE portal_reconciliation_runs (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        from_at timestamptz NOT NULL,
        to_at timestamptz NOT NULL,
        checked integer NOT NULL,
        resent integer NOT NULL,
        complete boolean NOT NULL,
        finished_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE portal_reconciliation_runs`);
    await q.query(`DROP TABLE portal_sync_states`);
    await q.query(`DROP TABLE portal_sync_records`);
  }
}
