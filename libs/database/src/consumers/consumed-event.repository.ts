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
   * `events` not yet consumed and calls `work` with those fresh ids only (possibly none), so
   * a redelivered event changes nothing. Concurrent deliveries of one event serialise on its
   * key; ids are claimed in sorted order so two replicas redelivering overlapping batches wait
   * rather than deadlock. The record is kept in the month partition of the event's own time
   * (`occurredAt`, the same on every delivery), so the key stays unique per event.
   */
  async runOnceEach<T>(
    consumer: string,
    events: ReadonlyArray<{ eventId: string; occurredAt: string | Date }>,
    work: (scope: TransactionScope, freshIds: ReadonlySet<string>) => Promise<T>,
  ): Promise<{ freshIds: ReadonlySet<string>; result: T }> {
    const byId = new Map(events.map((e) => [e.eventId, e.occurredAt]));
    const sorted = [...byId.keys()].sort();
    return this.dataSource.transaction(async (manager) => {
      const rows: Array<{ event_id: string }> = await manager.query(
        `INSERT INTO consumed_events (consumer, event_id, event_occurred_at)
         SELECT $1, id, at FROM unnest($2::uuid[], $3::timestamptz[]) WITH ORDINALITY AS t(id, at, n) ORDER BY n
         ON CONFLICT DO NOTHING RETURNING event_id`,
        [consumer, sorted, sorted.map((id) => new Date(byId.get(id)!))],
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
