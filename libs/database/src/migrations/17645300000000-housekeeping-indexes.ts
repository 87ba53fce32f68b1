import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Indexes the nightly housekeeping deletes by (issue 14): relayed outbox rows by their relay
 * time and the consumers' de-duplication records by theirs, so each batch is an index range
 * scan, not a scan of a table that grows with every event. Idempotency keys already have
 * idempotency_keys_created.
 */
export class HousekeepingIndexes17645300000000 implements MigrationInterface {
  name = 'HousekeepingIndexes17645300000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE INDEX outbox_events_published ON outbox_events (published_at) WHERE published_at IS NOT NULL`,
    );
    await q.query(`CREATE INDEX consumed_events_consumed_at ON consumed_events (consumed_at)`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX consumed_events_consumed_at`);
    await q.query(`DROP INDEX outbox_events_published`);
  }
}
