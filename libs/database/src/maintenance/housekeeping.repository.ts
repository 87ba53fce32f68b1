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
export const HOUSEKEEPING_BATCH_SQL: Record<HousekeptTable, string> = {
  idempotency_keys: batchDelete('idempotency_keys', 'created_at < $1', 'created_at'),
  outbox_events: batchDelete(
    'outbox_events_default',
    'published_at IS NOT NULL AND published_at < $1',
    'published_at',
  ),
  consumed_events: batchDelete('consumed_events_default', 'consumed_at < $1', 'consumed_at'),
};

/**
 * The batch's rows are deleted by their ctid (a TID scan): joined back by key, the planner
 * hashed the whole table for 5,000 rows (bench:jobs, 200 k idempotency keys), so a batch cost
 * the table's size. A row changed between the two reads is skipped and goes with a later batch.
 */
function batchDelete(table: string, old: string, order: string): string {
  return `
    DELETE FROM ${table}
    WHERE ctid = ANY(ARRAY(SELECT ctid FROM ${table} WHERE ${old} ORDER BY ${order} LIMIT $2))`;
}

/** DDL on a table the API writes to waits at most this long for its lock, then gives up. */
const DDL_LOCK_TIMEOUT = '2s';

@Injectable()
export class HousekeepingRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Deletes at most `limit` rows older than `cutoff`; returns how many it deleted. */
  async purgeBatch(table: HousekeptTable, cutoff: Date, limit: number): Promise<number> {
    const result: [unknown[], number] = await this.dataSource.query(HOUSEKEEPING_BATCH_SQL[table], [
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
