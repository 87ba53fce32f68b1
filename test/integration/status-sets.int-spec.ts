import { OPEN_STATUSES } from '@app/domain';
import { Client } from 'pg';
import { createTestDatabase } from '../setup/test-database';

/**
 * Partial indexes repeat the open statuses in their predicate (a migration cannot import live
 * code). This test fails when libs/domain's OPEN_STATUSES and an index predicate part, so the
 * planner never silently stops using an index the queries were written for.
 */
describe('open statuses: one definition, indexes that match it', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let client: Client;
  beforeAll(async () => {
    db = await createTestDatabase();
    client = new Client({ connectionString: db.url });
    await client.connect();
  });
  afterAll(async () => {
    await client?.end();
    await db?.drop();
  });

  it('every partial index on applications filtered by a status list lists exactly OPEN_STATUSES', async () => {
    const { rows } = await client.query<{ name: string; predicate: string }>(
      `SELECT c.relname AS name, pg_get_expr(i.indpred, i.indrelid) AS predicate
       FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
       WHERE i.indrelid = 'applications'::regclass AND i.indpred IS NOT NULL`,
    );
    // A list of statuses (status = ANY (ARRAY[...])) is an open-status index; an index on one
    // status (the online inbox's 'submitted') is about that status, not the open set.
    const byStatus = rows.filter((r) => /status = ANY/.test(r.predicate));
    expect(byStatus.map((r) => r.name).sort()).toEqual(
      expect.arrayContaining(['applications_open_due', 'applications_open_kpi']),
    );
    for (const { name, predicate } of byStatus) {
      const listed = [...predicate.matchAll(/'([a-z_]+)'::text/g)].map((m) => m[1]);
      expect({ name, statuses: listed.sort() }).toEqual({
        name,
        statuses: [...OPEN_STATUSES].sort(),
      });
    }
  });
});
