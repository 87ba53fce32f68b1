import type { Client } from 'pg';
import { KPI_DAILY_COUNTERS, KpiDailyCounter } from '@app/domain';
import { seconds } from './bulk-load';

/**
 * What the application events would have left behind besides the K1 facts (k1-facts.ts):
 * the roll-ups summed from the facts, and, set-based from the generated applications, apology
 * letters and supplement requests, satisfaction ratings, and the intake code counters. No
 * result is marked digitally signed: that flag lives in history rows, which are not generated.
 */
export const LOCAL_DAY = (column: string) => `((${column}) AT TIME ZONE 'Asia/Ho_Chi_Minh')::date`;

const STEPS: Array<[string, string]> = [
  [
    'apologies (one letter per apology_count, issued on the original appointment day)',
    `INSERT INTO apologies (application_id, reason, previous_due_at, new_due_at,
       responsible_department_id, issued_by, issued_at)
     SELECT id, 'Hồ sơ cần thêm thời gian thẩm định (thử tải)', original_due_at, due_at,
            department_id, assigned_officer_id, original_due_at - interval '2 hours'
     FROM applications WHERE apology_count > 0`,
  ],
  [
    'application_supplements (the open requests)',
    `INSERT INTO application_supplements (application_id, requested_at, requested_by, items)
     SELECT id, supplement_requested_at, assigned_officer_id, '["Bản sao có chứng thực văn bằng"]'
     FROM applications WHERE supplement_requested_at IS NOT NULL`,
  ],
  [
    'satisfaction_ratings (K8: one in 20 returned results, mostly satisfied)',
    // hashtext(id) stands in for a seeded draw: the same rows are rated on every generation.
    `INSERT INTO satisfaction_ratings (application_id, score, comment, rated_at, department_id,
       procedure_id, channel)
     SELECT id, CASE WHEN h < 60 THEN 5 WHEN h < 88 THEN 4 WHEN h < 95 THEN 3 WHEN h < 98 THEN 2 ELSE 1 END,
            NULL, returned_at + (h % 72 + 1) * interval '1 hour', department_id, procedure_id, channel
     FROM (SELECT a.id, a.returned_at, a.department_id, a.procedure_id, a.channel,
                  abs(hashtext(a.id::text)) % 2000 AS r, abs(hashtext(a.id::text)) % 100 AS h
           FROM applications a WHERE a.returned_at IS NOT NULL) a
     WHERE r < 100 AND returned_at + (h % 72 + 1) * interval '1 hour' <= now()`,
  ],
];

const ROLLUP_BATCH = 5000;

export async function buildDerivedTables(
  client: Client,
  counters: Array<[string, string, number]>,
  rollups: ReadonlyMap<string, ReadonlyMap<KpiDailyCounter, number>>,
  log: (line: string) => void,
): Promise<void> {
  let started = Date.now();
  const entries = [...rollups.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  for (let i = 0; i < entries.length; i += ROLLUP_BATCH) {
    const batch = entries.slice(i, i + ROLLUP_BATCH);
    const keys = batch.map(([key]) => key.split('|'));
    await client.query(
      `INSERT INTO kpi_daily_rollups (day, department_id, procedure_id, channel, ${KPI_DAILY_COUNTERS.join(', ')})
       SELECT * FROM unnest($1::date[], $2::uuid[], $3::uuid[], $4::text[],
         ${KPI_DAILY_COUNTERS.map((_, k) => `$${k + 5}::int[]`).join(', ')})`,
      [
        ...[0, 1, 2, 3].map((k) => keys.map((key) => key[k])),
        ...KPI_DAILY_COUNTERS.map((counter) => batch.map(([, c]) => c.get(counter) ?? 0)),
      ],
    );
  }
  log(
    `  kpi_daily_rollups (sums of the facts): ${entries.length.toLocaleString('en-US')} rows (${seconds(started)})`,
  );
  for (const [what, sql] of STEPS) {
    started = Date.now();
    const { rowCount } = await client.query(sql);
    log(`  ${what}: ${(rowCount ?? 0).toLocaleString('en-US')} rows (${seconds(started)})`);
  }
  await client.query(
    `INSERT INTO application_code_counters (agency_code, day, last_value)
     SELECT * FROM unnest($1::text[], $2::date[], $3::int[])`,
    [counters.map((c) => c[0]), counters.map((c) => c[1]), counters.map((c) => c[2])],
  );
  log(`  application_code_counters: ${counters.length.toLocaleString('en-US')} rows`);
}
