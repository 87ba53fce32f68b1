import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { queryRows } from '../repositories/postgres';

/** The tables that grow with every request or event and are only needed for a while. */
export type HousekeptTable = 'idempotency_keys' | 'outbox_events' | 'consumed_events';

/** The tables partitioned by local month (migration 17646800000000). */
export type MonthPartitionedTable = 'outbox_events' | 'consumed_events' | 'application_history';

export const MONTH_PARTITIONED_TABLES: readonly MonthPartitionedTable[] = [
  'outbox_events',
  'consumed_events',
  'application_history',
];

/**
 * One bounded delete per call: the oldest `limit` rows before the cut-off, found through the
 * index on the time column (ORDER BY it, LIMIT), so a batch costs the same whatever the
 * table's size, and no transaction holds more than one batch of row locks. Unrelayed outbox rows
 * are never deleted, whatever their age. The outbox and the consumers' records are partitioned
 * by month and their old months are dropped whole (dropMonthPartition); row by row only in their
 * DEFAULT partition, which holds the rows of months that had no partition.
 */
const BATCH_SQL: Record<HousekeptTable, string> = {
  idempotency_keys: `
    DELETE FROM idempotency_keys k USING (
      SELECT user_id, key FROM idempotency_keys WHERE created_at < $1 ORDER BY created_at LIMIT $2
    ) old WHERE k.user_id = old.user_id AND k.key = old.key`,
  outbox_events: `
    DELETE FROM outbox_events_default e USING (
      SELECT id FROM outbox_events_default WHERE published_at IS NOT NULL AND published_at < $1
      ORDER BY published_at LIMIT $2
    ) old WHERE e.id = old.id`,
  consumed_events: `
    DELETE FROM consumed_events_default c USING (
      SELECT consumer, event_id FROM consumed_events_default WHERE consumed_at < $1 ORDER BY consumed_at LIMIT $2
    ) old WHERE c.consumer = old.consumer AND c.event_id = old.event_id`,
};

/** DDL on a table the API writes to waits at most this long for its lock, then gives up. */
const DDL_LOCK_TIMEOUT = '2s';

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

  /**
   * Creates the partition of the month of `monthStart` (a local date, 'YYYY-MM-01') unless it
   * exists; true when it was created. The definition (name, bounds in Asia/Ho_Chi_Minh, the
   * record's TRUNCATE guard) is the migration's SQL function motcua_ensure_month_partition.
   */
  async ensureMonthPartition(table: MonthPartitionedTable, monthStart: string): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query(`SET LOCAL lock_timeout = '${DDL_LOCK_TIMEOUT}'`);
      const rows = await queryRows<{ created: boolean }>(
        manager,
        `SELECT motcua_ensure_month_partition($1, $2::date) AS created`,
        [table, monthStart],
      );
      return rows[0].created;
    });
  }

  /** The month partitions of `table` ('YYYYMM' of each), oldest first. */
  async monthPartitions(table: MonthPartitionedTable): Promise<string[]> {
    const rows = await queryRows<{ name: string }>(
      this.dataSource,
      `SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
       WHERE i.inhparent = $1::regclass AND c.relname ~ ('^' || $1 || '_p[0-9]{6}$')
       ORDER BY c.relname`,
      [table],
    );
    return rows.map((r) => r.name.slice(-6));
  }

  /**
   * Drops the partition of month `yyyymm` of the outbox or the consumers' records; an outbox
   * month still holding an unrelayed row is kept (false). The caller has checked that the
   * whole month is past retention.
   */
  async dropMonthPartition(
    table: Exclude<MonthPartitionedTable, 'application_history'>,
    yyyymm: string,
  ): Promise<boolean> {
    if (!/^[0-9]{6}$/.test(yyyymm)) {
      throw new RangeError(`not a month: ${yyyymm}`);
    }
    const partition = `${table}_p${yyyymm}`;
    return this.dataSource.transaction(async (manager) => {
      await manager.query(`SET LOCAL lock_timeout = '${DDL_LOCK_TIMEOUT}'`);
      if (table === 'outbox_events') {
        const unrelayed = await queryRows(
          manager,
          `SELECT 1 FROM ${partition} WHERE published_at IS NULL LIMIT 1`,
        );
        if (unrelayed.length > 0) {
          return false;
        }
      }
      await manager.query(`DROP TABLE ${partition}`);
      return true;
    });
  }
}
