import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Postal channel (bưu chính công ích, Decision 45/2016/QĐ-TTg; domain spec §9):
 * - procedures say whether they accept dossiers by post (postal_intake) and send results by
 *   post (postal_return);
 * - the pool of tracking codes the post office assigned to the Department (each allocated once);
 * - the applicant's choice of a result by post, with the receiver's address;
 * - shipments (inbound dossier, outbound result) with their hand-over record (biên bản giao
 *   nhận), fees and addresses; their status timeline, append-only (a trigger refuses edits);
 * - the notices sent when a result is ready (one per event and addressee: at most once).
 */
export class PostalShipments17646500000000 implements MigrationInterface {
  name = 'PostalShipments17646500000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE procedures
        ADD COLUMN postal_intake boolean NOT NULL DEFAULT false,
        ADD COLUMN postal_return boolean NOT NULL DEFAULT false`);
    await q.query(`
      CREATE TABLE postal_tracking_pool (
        code text PRIMARY KEY CHECK (code ~ '^[A-Z]{2}[0-9]{9}[A-Z]{2}$'),
        added_at timestamptz NOT NULL DEFAULT now(),
        allocated_at timestamptz
      )`);
    // The allocation takes the smallest free code: this index is all it reads.
    await q.query(
      `CREATE INDEX postal_tracking_pool_free ON postal_tracking_pool (code) WHERE allocated_at IS NULL`,
    );
    await q.query(`
      CREATE TABLE postal_return_requests (
        application_id uuid PRIMARY KEY REFERENCES applications(id),
        receiver jsonb NOT NULL,
        postage_vnd bigint NOT NULL DEFAULT 0 CHECK (postage_vnd >= 0),
        requested_at timestamptz NOT NULL,
        requested_by uuid REFERENCES users(id)
      )`);
    await q.query(`
      CREATE TABLE postal_shipments (
        id uuid PRIMARY KEY,
        application_id uuid NOT NULL REFERENCES applications(id),
        direction text NOT NULL CHECK (direction IN ('inbound', 'outbound')),
        tracking_code text NOT NULL,
        status text NOT NULL,
        version integer NOT NULL DEFAULT 1,
        sender jsonb NOT NULL,
        receiver jsonb NOT NULL,
        postage_vnd bigint NOT NULL DEFAULT 0 CHECK (postage_vnd >= 0),
        cod_vnd bigint NOT NULL DEFAULT 0 CHECK (cod_vnd >= 0),
        handover_number text,
        handover_signed_at timestamptz,
        handover_signed_by text,
        handover_recorded_by uuid REFERENCES users(id),
        handover_recorded_at timestamptz,
        carrier_state text NOT NULL DEFAULT 'not_needed'
          CHECK (carrier_state IN ('not_needed', 'pending', 'acknowledged', 'failed')),
        carrier_attempts integer NOT NULL DEFAULT 0,
        carrier_error text,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        CONSTRAINT postal_shipments_tracking_code_key UNIQUE (tracking_code),
        CONSTRAINT postal_shipments_handover_complete CHECK (
          (handover_number IS NULL) = (handover_signed_at IS NULL)
          AND (handover_number IS NULL) = (handover_signed_by IS NULL))
      )`);
    // One live shipment per application and direction (a cancelled one may be replaced).
    await q.query(`
      CREATE UNIQUE INDEX postal_shipments_one_live ON postal_shipments (application_id, direction)
        WHERE status <> 'cancelled'`);
    // A hand-over record's number is unique in its book (inbound and outbound books).
    await q.query(`
      CREATE UNIQUE INDEX postal_shipments_handover_number ON postal_shipments (direction, handover_number)
        WHERE handover_number IS NOT NULL`);
    await q.query(`
      CREATE TABLE postal_shipment_events (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        shipment_id uuid NOT NULL REFERENCES postal_shipments(id),
        status text NOT NULL,
        at timestamptz NOT NULL,
        recorded_at timestamptz NOT NULL,
        actor_id uuid REFERENCES users(id),
        source text NOT NULL CHECK (source IN ('desk', 'carrier', 'system')),
        note text
      )`);
    await q.query(
      `CREATE INDEX postal_shipment_events_shipment ON postal_shipment_events (shipment_id, id)`,
    );
    await q.query(`
      CREATE FUNCTION postal_shipment_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'postal_shipment_events is append-only';
      END $$`);
    await q.query(`
      CREATE TRIGGER postal_shipment_events_append_only
        BEFORE UPDATE OR DELETE ON postal_shipment_events
        FOR EACH ROW EXECUTE FUNCTION postal_shipment_events_append_only()`);
    await q.query(`
      CREATE TABLE postal_notices (
        event_id uuid NOT NULL,
        addressee text NOT NULL CHECK (addressee IN ('citizen', 'post_office')),
        application_id uuid NOT NULL REFERENCES applications(id),
        sent_at timestamptz NOT NULL,
        PRIMARY KEY (event_id, addressee)
      )`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE postal_notices`);
    await q.query(`DROP TRIGGER postal_shipment_events_append_only ON postal_shipment_events`);
    await q.query(`DROP FUNCTION postal_shipment_events_append_only()`);
    await q.query(`DROP TABLE postal_shipment_events`);
    await q.query(`DROP TABLE postal_shipments`);
    await q.query(`DROP TABLE postal_return_requests`);
    await q.query(`DROP TABLE postal_tracking_pool`);
    await q.query(`ALTER TABLE procedures DROP COLUMN postal_return, DROP COLUMN postal_intake`);
  }
}
