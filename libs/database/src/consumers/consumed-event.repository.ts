import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';

/**
 * An open transaction handed to repository methods that must join it. Opaque to services, so
 * they never see TypeORM (style rule 3).
 */
export class TransactionScope {
  constructor(readonly manager: EntityManager) {}
}

@Injectable()
export class ConsumedEventRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Exactly-once effects per (consumer, event): in one transaction, records every event of
   * `eventIds` not yet consumed and calls `work` with those fresh ids only (possibly none), so
   * a redelivered event changes nothing. Concurrent deliveries of one event serialise on its
   * key; ids are claimed in sorted order so two replicas redelivering overlapping batches wait
   * rather than deadlock.
   */
  async runOnceEach<T>(
    consumer: string,
    eventIds: readonly string[],
    work: (scope: TransactionScope, freshIds: ReadonlySet<string>) => Promise<T>,
  ): Promise<{ freshIds: ReadonlySet<string>; result: T }> {
    const sorted = [...new Set(eventIds)].sort();
    return this.dataSource.transaction(async (manager) => {
      const rows: Array<{ event_id: string }> = await manager.query(
        `INSERT INTO consumed_events (consumer, event_id)
         SELECT $1, id FROM unnest($2::uuid[]) WITH ORDINALITY AS t(id, n) ORDER BY n
         ON CONFLICT DO NOTHING RETURNING event_id`,
        [consumer, sorted],
      );
      const freshIds = new Set(rows.map((r) => r.event_id));
      return { freshIds, result: await work(new TransactionScope(manager), freshIds) };
    });
  }

  async countFor(consumer: string): Promise<number> {
    const rows: Array<{ n: number }> = await this.dataSource.query(
      `SELECT count(*)::int AS n FROM consumed_events WHERE consumer = $1`,
      [consumer],
    );
    return rows[0].n;
  }
}
