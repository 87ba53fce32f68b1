import type { Client } from 'pg';
import { seconds } from './bulk-load';
import { isoDate, WorkingDays } from './working-days';

/**
 * What the application events would have left behind, built set-based from the generated
 * applications (no history or outbox rows exist to replay): the K1 outcome of every result,
 * the roll-up counters the worker keeps (libs/core/src/kpi/kpi-rollup.consumer.ts), apology
 * letters and supplement requests, satisfaction ratings, and the intake code counters. No
 * result is marked digitally signed: that flag lives in history rows, which are not generated.
 */
export const LOCAL_DAY = (column: string) => `((${column}) AT TIME ZONE 'Asia/Ho_Chi_Minh')::date`;

/**
 * K1 class of a result as the worker's classifyOnTime gives it for these rows: against the
 * original appointment by local day; no completed supplement to subtract (the generator gives
 * supplements to open applications only); more than one supplement request is late.
 */
export const OUTCOME_SQL = (a: string) => `CASE
  WHEN ${a}.supplement_count > 1 OR ${LOCAL_DAY(`${a}.result_ready_at`)} > ${LOCAL_DAY(`${a}.original_due_at`)} THEN 'late'
  WHEN ${LOCAL_DAY(`${a}.result_ready_at`)} < ${LOCAL_DAY(`${a}.original_due_at`)} THEN 'early'
  ELSE 'on_time' END`;

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
    'application_outcomes (K1 class of every result)',
    `INSERT INTO application_outcomes (application_id, outcome, end_at, end_adjusted_at, classified_at)
     SELECT id, ${OUTCOME_SQL('a')}, result_ready_at, result_ready_at,
            result_ready_at + interval '2 seconds'
     FROM applications a WHERE result_ready_at IS NOT NULL`,
  ],
  [
    'kpi_daily_rollups (received, results by class, stopped, withdrawn, apologies, supplements, completions)',
    // One pass over applications: each row adds to the day of each of its events. Completions
    // (K2, K6) go to the reception day's row, with working days from the calendar table.
    `INSERT INTO kpi_daily_rollups (day, department_id, procedure_id, channel, received,
       result_early, result_on_time, result_late, stopped, withdrawn, apologies, supplement_requests,
       completed, completed_working_days, completed_signed)
     SELECT day, department_id, procedure_id, channel, sum(received), sum(early), sum(on_time),
            sum(late), sum(stopped), sum(withdrawn), sum(apologies), sum(supplements),
            sum(completed), sum(working_days), 0
     FROM (
       SELECT e.day, a.department_id, a.procedure_id, a.channel, e.received, e.early, e.on_time,
              e.late, e.stopped, e.withdrawn, e.apologies, 0 AS supplements, e.completed, e.working_days
       FROM applications a
       LEFT JOIN bench_working_day_counts r ON r.day = ${LOCAL_DAY('a.received_at')}
       LEFT JOIN bench_working_day_counts s ON s.day = ${LOCAL_DAY('a.result_ready_at')}
       CROSS JOIN LATERAL (SELECT ${OUTCOME_SQL('a')} AS outcome) c
       CROSS JOIN LATERAL (VALUES
         (${LOCAL_DAY('a.received_at')}, 1, 0, 0, 0, 0, 0, 0,
            (a.result_ready_at IS NOT NULL)::int, COALESCE(s.up_to - r.up_to, 0)),
         (${LOCAL_DAY('a.result_ready_at')}, 0, (c.outcome = 'early')::int,
            (c.outcome = 'on_time')::int, (c.outcome = 'late')::int, 0, 0, 0, 0, 0),
         (${LOCAL_DAY('a.stopped_at')}, 0, 0, 0, 0, 1, (a.stop_reason = 'withdrawn')::int, 0, 0, 0),
         (${LOCAL_DAY("a.original_due_at - interval '2 hours'")}, 0, 0, 0, 0, 0, 0, a.apology_count, 0, 0)
       ) e(day, received, early, on_time, late, stopped, withdrawn, apologies, completed, working_days)
       WHERE e.day IS NOT NULL AND (e.received + e.early + e.on_time + e.late + e.stopped + e.apologies) > 0
       UNION ALL
       SELECT ${LOCAL_DAY('s.requested_at')}, a.department_id, a.procedure_id, a.channel,
              0, 0, 0, 0, 0, 0, 0, 1, 0, 0
       FROM application_supplements s JOIN applications a ON a.id = s.application_id
     ) f
     GROUP BY day, department_id, procedure_id, channel
     ORDER BY day, department_id, procedure_id, channel`,
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

export async function buildDerivedTables(
  client: Client,
  counters: Array<[string, string, number]>,
  calendar: WorkingDays,
  log: (line: string) => void,
): Promise<void> {
  // The calendar as a table (working days up to each day), so that the roll-up statement can
  // count working days from reception to result the way WorkingCalendar.workingDaysBetween does.
  const days = Array.from(
    { length: calendar.last - calendar.first + 1 },
    (_, i) => calendar.first + i,
  );
  await client.query(
    `CREATE TEMP TABLE bench_working_day_counts (day date PRIMARY KEY, up_to integer NOT NULL)`,
  );
  await client.query(
    `INSERT INTO bench_working_day_counts SELECT * FROM unnest($1::date[], $2::int[])`,
    [days.map(isoDate), days.map((day) => calendar.upTo(day))],
  );
  for (const [what, sql] of STEPS) {
    const started = Date.now();
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
