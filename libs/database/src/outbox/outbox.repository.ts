import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';

export interface OutboxEventRecord {
  id: string;
  aggregateId: string;
  type: string;
  payload: Record<string, unknown>;
  occurredAt: Date;
  /** The trace the event was written in (a JSON W3C carrier); null when it was not traced. */
  traceContext: string | null;
}

/** A batch of outbox rows locked by this transaction; no other relay sees them until it ends. */
export class ClaimedOutboxBatch {
  constructor(
    private readonly manager: EntityManager,
    readonly events: readonly OutboxEventRecord[],
  ) {}

  /**
   * Marks these claimed events published. The range of their occurred_at (the partition key)
   * is given too, so the UPDATE reads the months they are in, not every monthly partition's
   * primary key. A JS Date keeps milliseconds and the column microseconds: the range runs to
   * the last one's millisecond + 1, so it can never leave a claimed row out.
   */
  async markPublished(
    events: ReadonlyArray<Pick<OutboxEventRecord, 'id' | 'occurredAt'>>,
  ): Promise<void> {
    if (events.length === 0) {
      return;
    }
    const times = events.map((e) => new Date(e.occurredAt).getTime());
    await this.manager.query(
      `UPDATE outbox_events SET published_at = now(), attempts = attempts + 1
       WHERE id = ANY($1::uuid[]) AND occurred_at >= $2 AND occurred_at < $3`,
      [
        events.map((e) => e.id),
        new Date(Math.min(...times)),
        new Date(Math.max(...times) + 1),
      ],
    );
  }
}

@Injectable()
export class OutboxRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Claims up to `limit` unpublished rows, oldest first, with FOR UPDATE SKIP LOCKED (several
   * relays never wait on or take the same rows), and runs `publish` while holding them. The
   * transaction commits when `publish` resolves, so `publish` must call markPublished; if it
   * throws, everything rolls back and the rows stay unpublished for the next claim.
   */
  async withClaimedBatch<T>(limit: number, publish: (batch: ClaimedOutboxBatch) => Promise<T>) {
    return this.dataSource.transaction(async (manager) => {
      const events: OutboxEventRecord[] = await manager.query(
        `SELECT id, aggregate_id AS "aggregateId", type, payload, occurred_at AS "occurredAt",
                trace_context AS "traceContext"
         FROM outbox_events WHERE published_at IS NULL
         ORDER BY occurred_at, id LIMIT $1 FOR UPDATE SKIP LOCKED`,
        [limit],
      );
      return publish(new ClaimedOutboxBatch(manager, events));
    });
  }

  /** Counts a failed publish attempt (outside the rolled-back claim), for operators. */
  async recordFailedAttempt(ids: readonly string[]): Promise<void> {
    if (ids.length > 0) {
      await this.dataSource.query(
        `UPDATE outbox_events SET attempts = attempts + 1 WHERE id = ANY($1::uuid[]) AND published_at IS NULL`,
        [ids],
      );
    }
  }

  /** Age in seconds of the oldest unpublished event at `now` (0 when the outbox is drained). */
  async lagSeconds(now: Date): Promise<number> {
    const rows: Array<{ oldest: Date | null }> = await this.dataSource.query(
      `SELECT min(occurred_at) AS oldest FROM outbox_events WHERE published_at IS NULL`,
    );
    const oldest = rows[0]?.oldest;
    return oldest ? Math.max(0, (now.getTime() - new Date(oldest).getTime()) / 1000) : 0;
  }

  async countUnpublished(): Promise<number> {
    const rows: Array<{ n: number }> = await this.dataSource.query(
      `SELECT count(*)::int AS n FROM outbox_events WHERE published_at IS NULL`,
    );
    return rows[0].n;
  }
}
