import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { loadConfig } from '@app/config';
import { dataSourceOptions, OutboxRepository } from '@app/database';
import { Pool } from 'pg';
import { DataSource } from 'typeorm';
import { createTestDatabase } from '../setup/test-database';

/**
 * The relay marks a claimed batch published by id within the range of the batch's occurred_at
 * (the partition key, so only those months are read). The range comes from JS Dates, which keep
 * milliseconds, while the column keeps microseconds: no claimed row may fall outside it.
 */
describe('outbox: marking a claimed batch published (PostgreSQL)', () => {
  let drop: () => Promise<void>;
  let dataSource: DataSource;
  let db: Pool;

  beforeAll(async () => {
    const database = await createTestDatabase();
    drop = database.drop;
    dataSource = new DataSource(
      dataSourceOptions(
        loadConfig({ NODE_ENV: 'test', DATABASE_URL: database.url, LOG_LEVEL: 'silent' }),
      ),
    );
    await dataSource.initialize();
    db = new Pool({ connectionString: database.url, max: 2 });
  });
  afterAll(async () => {
    await dataSource?.destroy();
    await db?.end();
    await drop?.();
  });

  it('marks every claimed row, microseconds and other months included, and nothing else', async () => {
    const occurred = [
      '2026-12-05 08:00:00.000999+07', // the last microsecond of a millisecond
      '2026-12-05 08:00:00.123456+07',
      '2026-12-05 08:00:00.999999+07',
      '2026-11-30 23:59:59.999999+07', // the month before, its last instant
      '2027-01-01 00:00:00.000001+07', // the month after
    ];
    const ids = occurred.map(() => randomUUID());
    const insert = (id: string, at: string) =>
      db.query(
        `INSERT INTO outbox_events (id, aggregate_type, aggregate_id, type, payload, occurred_at)
         VALUES ($1, 'application', $2, 'received', '{}', $3)`,
        [id, randomUUID(), at],
      );
    for (const [i, at] of occurred.entries()) {
      await insert(ids[i], at);
    }
    // Left unclaimed (the batch stops before it): it must stay unpublished.
    const later = randomUUID();
    await insert(later, '2027-02-01 00:00:00+07');

    const outbox = new OutboxRepository(dataSource);
    const marked = await outbox.withClaimedBatch(occurred.length, async (batch) => {
      await batch.markPublished(batch.events);
      return batch.events.map((e) => e.id).sort();
    });
    expect(marked).toEqual([...ids].sort());

    const { rows } = await db.query<{ id: string; published: boolean; attempts: number }>(
      `SELECT id, published_at IS NOT NULL AS published, attempts FROM outbox_events`,
    );
    const byId = new Map(rows.map((r) => [r.id, r]));
    for (const id of ids) {
      expect(byId.get(id)).toMatchObject({ published: true, attempts: 1 });
    }
    expect(byId.get(later)).toMatchObject({ published: false, attempts: 0 });
  });
});
