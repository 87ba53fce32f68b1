import { ROLLUP_COUNTERS } from '@app/database';
import { startTestApp, TestApp } from '../setup/test-app';

/**
 * kpi_monthly_rollups is kept by statement triggers on kpi_daily_rollups (migration
 * 1764470000000): whatever writes the daily table, each month must equal the sum of its days.
 * Also the guard for a counter added to the daily table but not to the triggers' list.
 */
describe('monthly roll-ups follow the daily roll-ups', () => {
  let t: TestApp;
  let keys: Array<{ departmentId: string; procedureId: string }>;

  beforeAll(async () => {
    t = await startTestApp();
    const a = await t.factory.procedure();
    const b = await t.factory.procedure();
    keys = [a, b].map((p) => ({ departmentId: p.departmentId, procedureId: p.id }));
  });
  afterAll(() => t?.close());

  /** Every (month, key) whose monthly row differs from the sum of its daily rows. */
  async function drift(): Promise<unknown[]> {
    const sums = ROLLUP_COUNTERS.map((c) => `sum(${c})::int AS ${c}`).join(', ');
    const { rows } = await t.db.query(`
      WITH daily AS (
        SELECT date_trunc('month', day)::date AS month, department_id, procedure_id, channel, ${sums}
        FROM kpi_daily_rollups GROUP BY 1, 2, 3, 4),
      monthly AS (
        SELECT month, department_id, procedure_id, channel, ${sums}
        FROM kpi_monthly_rollups GROUP BY 1, 2, 3, 4)
      SELECT * FROM (SELECT * FROM daily EXCEPT SELECT * FROM monthly) d
      UNION ALL
      -- A month whose days were all deleted keeps a row of zeros: not a drift.
      SELECT * FROM (SELECT * FROM monthly EXCEPT SELECT * FROM daily) m
      WHERE ${ROLLUP_COUNTERS.map((c) => `${c} <> 0`).join(' OR ')}`);
    return rows;
  }

  const upsert = (day: string, key: number, channel: string, counter: string, n: number) =>
    t.db.query(
      `INSERT INTO kpi_daily_rollups (day, department_id, procedure_id, channel, ${counter})
       VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (day, department_id, procedure_id, channel)
       DO UPDATE SET ${counter} = kpi_daily_rollups.${counter} + EXCLUDED.${counter}`,
      [day, keys[key].departmentId, keys[key].procedureId, channel, n],
    );

  it('sums every counter of the daily table, inserted and upserted', async () => {
    for (const [i, counter] of ROLLUP_COUNTERS.entries()) {
      await upsert('2026-03-31', i % 2, 'direct', counter, i + 1);
      await upsert('2026-03-01', i % 2, 'direct', counter, 2); // a second day, same month
      await upsert('2026-03-31', i % 2, 'direct', counter, 3); // the upsert's UPDATE branch
      await upsert('2026-04-01', i % 2, 'online', counter, 1); // the next month
    }
    expect(await drift()).toEqual([]);
    const { rows } = await t.db.query(
      `SELECT ${ROLLUP_COUNTERS.map((c) => `sum(${c})::int AS ${c}`).join(', ')}
       FROM kpi_monthly_rollups WHERE month = '2026-03-01'`,
    );
    for (const [i, counter] of ROLLUP_COUNTERS.entries()) {
      expect([counter, rows[0][counter]]).toEqual([counter, i + 1 + 2 + 3]);
    }
  });

  it('follows updates, a day moved to another month, deletes and a truncate', async () => {
    await t.db.query(
      `UPDATE kpi_daily_rollups SET received = received + 5 WHERE day = '2026-03-31'`,
    );
    expect(await drift()).toEqual([]);
    await t.db.query(`UPDATE kpi_daily_rollups SET day = '2026-02-28' WHERE day = '2026-03-01'`);
    expect(await drift()).toEqual([]);
    await t.db.query(`DELETE FROM kpi_daily_rollups WHERE day = '2026-04-01'`);
    expect(await drift()).toEqual([]);
    await t.db.query(`TRUNCATE kpi_daily_rollups`);
    expect(await drift()).toEqual([]);
    const { rows } = await t.db.query(`SELECT count(*)::int AS n FROM kpi_monthly_rollups`);
    expect(rows[0].n).toBe(0);
  });
});
