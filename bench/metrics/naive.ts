import { performance } from 'node:perf_hooks';
import type { Client } from 'pg';
import { OPEN_STATUSES_SQL } from '@app/database/metrics/metrics.repository';
import { LOCAL_DAY, OUTCOME_SQL } from './derived-tables';

/**
 * The naive counterparts of the measured endpoints: the same figures straight from the
 * applications table, without roll-ups or the open partial index, each a single statement a
 * developer would write first. They run in the bench process on a plain pg connection.
 */
export interface NaiveK1Row {
  key: string;
  early: number;
  onTime: number;
  late: number;
  open: number;
  openOverdue: number;
}

/**
 * K1 in one GROUP BY: results whose local day is in the range classified by the K1 rule, plus
 * applications open now and received before the end of the range, late when their K1 end
 * (the one unanswered supplement request, the withdrawal request, else the cut-off) falls
 * after their appointment day — the definitions of OnTimeMetricsService and openCounts.
 */
export function naiveK1Sql(groupBy: 'department_id' | 'channel'): string {
  const kpiDue = 'COALESCE(a.paused_due_at, a.original_due_at, a.due_at)';
  const kpiEnd = `CASE WHEN a.status = 'supplement_requested' AND a.supplement_count = 1 THEN a.supplement_requested_at
                       WHEN a.status = 'withdrawal_requested' THEN a.withdrawal_requested_at
                       ELSE $3::timestamptz END`;
  const closed = `a.result_ready_at >= $1 AND a.result_ready_at < $2`;
  const open = `a.status IN ${OPEN_STATUSES_SQL} AND a.received_at < $2`;
  return `
    SELECT a.${groupBy}::text AS key,
           count(*) FILTER (WHERE ${closed} AND ${OUTCOME_SQL('a')} = 'early')::int AS early,
           count(*) FILTER (WHERE ${closed} AND ${OUTCOME_SQL('a')} = 'on_time')::int AS "onTime",
           count(*) FILTER (WHERE ${closed} AND ${OUTCOME_SQL('a')} = 'late')::int AS late,
           count(*) FILTER (WHERE ${open})::int AS open,
           count(*) FILTER (WHERE ${open} AND (a.supplement_count > 1
             OR (${kpiDue} IS NOT NULL AND ${LOCAL_DAY(kpiEnd)} > ${LOCAL_DAY(kpiDue)})))::int AS "openOverdue"
    FROM applications a
    WHERE (${closed}) OR (${open})
    GROUP BY 1 ORDER BY 1`;
}

/** K2 buckets and K6 counts over applications received in the range (one scan each). */
export const NAIVE_K2_SQL = `
  SELECT to_char(${LOCAL_DAY('a.received_at')}, 'YYYY-MM-DD') AS "receivedDay",
         to_char(${LOCAL_DAY('a.result_ready_at')}, 'YYYY-MM-DD') AS "resultDay", count(*)::int AS count
  FROM applications a
  WHERE a.received_at >= $1 AND a.received_at < $2 AND a.result_ready_at IS NOT NULL
  GROUP BY 1, 2`;

export const NAIVE_K6_SQL = `
  SELECT count(*)::int AS completed,
         count(*) FILTER (WHERE EXISTS (
           SELECT 1 FROM application_history h
           WHERE h.application_id = a.id AND h.to_status = 'result_ready'
             AND h.payload->>'digitallySigned' = 'true'))::int AS signed
  FROM applications a
  WHERE a.received_at >= $1 AND a.received_at < $2 AND a.result_ready_at IS NOT NULL
    AND a.channel = 'online'`;

/** The at-risk list's statement (MetricsRepository.findAtRisk), for the no-index scan. */
export const NAIVE_AT_RISK_SQL = `
  SELECT a.id
  FROM applications a
  JOIN departments d ON d.id = a.department_id
  JOIN procedures p ON p.id = a.procedure_id
  WHERE a.status IN ${OPEN_STATUSES_SQL} AND a.due_at < $1
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
