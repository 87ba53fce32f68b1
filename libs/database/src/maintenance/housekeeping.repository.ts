import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/** The tables that grow with every request or event and are only needed for a while. */
export type HousekeptTable = 'idempotency_keys' | 'outbox_events' | 'consumed_events';

/**
 * One bounded delete per call: the oldest `limit` rows before the cut-off, found through the
 * index on the time column (ORDER BY it, LIMIT), so a batch costs the same whatever the
 * table's size, and no transaction holds more than one batch of row locks. Unrelayed outbox rows
 * are never deleted, whatever their age.
 */
const BATCH_SQL: Record<HousekeptTable, string> = {
  idempotency_keys: `
    DELETE FROM idempotency_keys k USING (
      SELECT user_id, key FROM idempotency_keys WHERE created_at < $1 ORDER BY created_at LIMIT $2
    ) old WHERE k.user_id = old.user_id AND k.key = old.key`,
  outbox_events: `
    DELETE FROM outbox_events e USING (
      SELECT id FROM outbox_events WHERE published_at IS NOT NULL AND published_at < $1
      ORDER BY published_at LIMIT $2
    ) old WHERE e.id = old.id`,
  consumed_events: `
    DELETE FROM consumed_events c USING (
      SELECT consumer, event_id FROM consumed_events WHERE consumed_at < $1 ORDER BY consumed_at LIMIT $2
    ) old WHERE c.consumer = old.consumer AND c.event_id = old.event_id`,
};

@Injectable()
export class HousekeepingRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Deletes at most `limit` rows older than `cutoff`; returns how many it deleted. */
  async purgeBatch(table: HousekeptTable, cutoff: Date, limit: number): Promise<number> {
    const result: [unknown[], number] = await this.dataSource.query(BATCH_SQL[table], [
      cutoff,
      limit,
    ]);
    return result[1];
  }
}
