import { performance } from 'node:perf_hooks';
import type { Client } from 'pg';
import { type K1Counts, runningClockStatuses, signedResultSql } from '@app/domain';
import { sqlStatusList } from '@app/database';

export const LOCAL_DAY = (column: string) => `((${column}) AT TIME ZONE 'Asia/Ho_Chi_Minh')::date`;

/**
 * The naive counterparts of the measured endpoints: the same figures straight from the
 * applications table, without segments, roll-ups or frozen figures, each a single statement a
 * developer would write first from the domain spec. They run in the bench process on a plain
 * pg connection, and their answers must equal the endpoints'.
 */
/** K1's counters (libs/domain K1Counts) of one group, as the naive statement returns them. */
export interface NaiveK1Row extends K1Counts {
  key: string;
}

/**
 * K1 of the period [$1, $2) as known at $2, written from spec §4 over the applications table:
 * a member was received before the end and was still open at the start or ended in the period;
 * its clock ends with the result (9, then 10), else the stop (8 or refusal), else the withdrawal
 * request (7), else its one unanswered supplement request — whichever is known at $2; an ended
 * clock is judged by its end's local day against the appointment day set at reception, an open
 * one by the last instant of the period. In the generated data set a supplement request is
 * never answered and no payment pauses the clock, so nothing is subtracted from the end.
 */
export function naiveK1Sql(groupBy: 'department_id' | 'channel'): string {
  const day = (column: string) => LOCAL_DAY(column);
  const verdict = (end: string) =>
    `CASE WHEN ${day(end)} < ${day('original_due_at')} THEN 'early'
          WHEN ${day(end)} = ${day('original_due_at')} THEN 'on_day' ELSE 'late' END`;
  return `
    WITH ended AS (
      SELECT ${groupBy}::text AS key, received_at < $1 AS carried, original_due_at,
             CASE WHEN result_ready_at < $2 THEN 'resolved'
                  WHEN stopped_at < $2 THEN CASE WHEN stop_reason = 'withdrawn' THEN 'withdrawn' ELSE 'stopped' END
                  WHEN withdrawal_requested_at < $2 THEN 'withdrawn'
                  WHEN supplement_requested_at < $2 AND supplement_count = 1 THEN 'awaiting_supplement'
                  ELSE 'open' END AS category,
             CASE WHEN result_ready_at < $2 THEN result_ready_at
                  WHEN stopped_at < $2 THEN stopped_at
                  WHEN withdrawal_requested_at < $2 THEN withdrawal_requested_at
                  WHEN supplement_requested_at < $2 AND supplement_count = 1 THEN supplement_requested_at
             END AS end_at
      FROM applications WHERE received_at < $2),
    members AS (
      SELECT key, carried, category,
             CASE WHEN category = 'open'
                  THEN CASE WHEN ${day("$2::timestamptz - interval '1 millisecond'")} > ${day('original_due_at')} THEN 'late' ELSE 'on_time' END
                  ELSE ${verdict('end_at')} END AS verdict
      FROM ended WHERE category = 'open' OR end_at >= $1)
    SELECT key,
           count(*) FILTER (WHERE carried)::int AS "carriedOver",
           count(*) FILTER (WHERE NOT carried)::int AS received,
           count(*) FILTER (WHERE category = 'resolved' AND verdict = 'early')::int AS "resolvedEarly",
           count(*) FILTER (WHERE category = 'resolved' AND verdict = 'on_day')::int AS "resolvedOnDay",
           count(*) FILTER (WHERE category = 'resolved' AND verdict = 'late')::int AS "resolvedLate",
           count(*) FILTER (WHERE category = 'stopped' AND verdict <> 'late')::int AS "stoppedOnTime",
           count(*) FILTER (WHERE category = 'stopped' AND verdict = 'late')::int AS "stoppedLate",
           count(*) FILTER (WHERE category = 'withdrawn' AND verdict <> 'late')::int AS "withdrawnOnTime",
           count(*) FILTER (WHERE category = 'withdrawn' AND verdict = 'late')::int AS "withdrawnLate",
           count(*) FILTER (WHERE category = 'awaiting_supplement' AND verdict <> 'late')::int AS "awaitingSupplementOnTime",
           count(*) FILTER (WHERE category = 'awaiting_supplement' AND verdict = 'late')::int AS "awaitingSupplementLate",
           count(*) FILTER (WHERE category = 'open' AND verdict = 'on_time')::int AS "openOnTime",
           count(*) FILTER (WHERE category = 'open' AND verdict = 'late')::int AS "openLate"
    FROM members GROUP BY 1 ORDER BY 1`;
}

/** K2 buckets and K6 counts over applications received in the range (one scan each). */
export const NAIVE_K2_SQL = `
  SELECT to_char(${LOCAL_DAY('a.received_at')}, 'YYYY-MM-DD') AS "receivedDay",
         to_char(${LOCAL_DAY('a.result_ready_at')}, 'YYYY-MM-DD') AS "resultDay", count(*)::int AS count
  FROM applications a
  WHERE a.received_at >= $1 AND a.received_at < $2 AND a.result_ready_at < $2
  GROUP BY 1, 2`;

export const NAIVE_K6_SQL = `
  SELECT count(*)::int AS completed,
         count(*) FILTER (WHERE EXISTS (
           SELECT 1 FROM application_history h
           WHERE h.application_id = a.id AND h.to_status = 'result_ready'
             AND ${signedResultSql('h')}))::int AS signed
  FROM applications a
  WHERE a.received_at >= $1 AND a.received_at < $2 AND a.result_ready_at < $2
    AND a.channel = 'online'`;

/** The at-risk list's statement (MetricsRepository.findAtRisk), for the no-index scan. */
const RUNNING_CLOCK_SQL = sqlStatusList(runningClockStatuses({ paymentPausesClock: false }));
export const NAIVE_AT_RISK_SQL = `
  SELECT a.id
  FROM applications a
  JOIN departments d ON d.id = a.department_id
  JOIN procedures p ON p.id = a.procedure_id
  WHERE a.status IN ${RUNNING_CLOCK_SQL} AND a.due_at < $1
  ORDER BY a.due_at, a.id LIMIT $2`;

export interface NaiveRun<T> {
  samples: number[];
  result: T;
}

/** Runs `work` `repetitions` times (after one untimed warm-up run) and keeps its last result. */
export async function repeat<T>(
  repetitions: number,
  work: () => Promise<T>,
  onRun?: (ms: number) => void,
): Promise<NaiveRun<T>> {
  let result = await work();
  const samples: number[] = [];
  for (let i = 0; i < repetitions; i++) {
    const started = performance.now();
    result = await work();
    samples.push(performance.now() - started);
    onRun?.(samples[samples.length - 1]);
  }
  return { samples, result };
}

/**
 * Runs `work` with index, index-only and bitmap scans switched off for its transaction: the
 * plan the statement gets from a table without its indexes, i.e. a sequential scan.
 */
export async function withoutIndexes<T>(client: Client, work: () => Promise<T>): Promise<T> {
  await client.query('BEGIN');
  try {
    for (const setting of ['enable_indexscan', 'enable_bitmapscan', 'enable_indexonlyscan']) {
      await client.query(`SET LOCAL ${setting} = off`);
    }
    return await work();
  } finally {
    await client.query('ROLLBACK');
  }
}
