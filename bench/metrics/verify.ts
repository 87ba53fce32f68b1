import type { Client } from 'pg';
import { computeDueAt, WorkingCalendar } from '@app/domain';
import { OPEN_STATUSES_SQL } from '@app/database/metrics/metrics.repository';

/**
 * Checks of a generated data set against the code it stands in for: on a sample, the
 * appointment is what computeDueAt gives; in full, every application has its facts and at least
 * one K1 segment, exactly one segment holds now, and the roll-ups (daily and monthly) count
 * every application once. Whether the segments say what the formula says is the run's check:
 * each measured answer is compared with a naive query written from the formula (naive.ts).
 */
export async function verifyDataSet(
  client: Client,
  calendar: WorkingCalendar,
  expected: number,
): Promise<string[]> {
  const problems: string[] = [];
  const { rows: totals } = await client.query<Record<string, string>>(
    `SELECT (SELECT count(*) FROM applications) AS apps,
            (SELECT count(*) FROM kpi_application_facts) AS facts,
            (SELECT count(*) FROM kpi_k1_segments WHERE valid_to IS NULL) AS current,
            (SELECT count(DISTINCT application_id) FROM kpi_k1_segments) AS segmented,
            (SELECT sum(received) FROM kpi_daily_rollups) AS received,
            (SELECT sum(received) FROM kpi_monthly_rollups) AS "receivedMonthly",
            (SELECT count(*) FROM applications WHERE result_ready_at IS NOT NULL) AS results,
            (SELECT sum(completed) FROM kpi_daily_rollups) AS completed`,
  );
  const t = totals[0];
  if (Number(t.apps) !== expected) {
    problems.push(`applications: ${t.apps}, expected ${expected}`);
  }
  for (const [what, value] of [
    ['facts', t.facts],
    ['applications with segments', t.segmented],
    ['segments holding now', t.current],
    ['roll-ups received', t.received],
    ['monthly roll-ups received', t.receivedMonthly],
  ]) {
    if (value !== t.apps) {
      problems.push(`${what} ${value} ≠ applications ${t.apps}`);
    }
  }
  if (t.completed !== t.results) {
    problems.push(`roll-up completions ${t.completed} ≠ results ${t.results}`);
  }

  const percent = Math.min(100, (3000 / Math.max(expected, 1)) * 100);
  const { rows: sample } = await client.query<{ receivedAt: Date; dueAt: Date; limit: number }>(
    `SELECT a.received_at AS "receivedAt", a.original_due_at AS "dueAt", p.time_limit_value AS "limit"
     FROM applications a TABLESAMPLE BERNOULLI ($1)
     JOIN procedures p ON p.id = a.procedure_id`,
    [percent],
  );
  const dueMismatches = sample.filter((r) => {
    const limit = { value: r.limit, unit: 'working_days' as const };
    return (
      computeDueAt({ receivedAt: r.receivedAt, limit, calendar }).getTime() !== r.dueAt.getTime()
    );
  }).length;
  if (dueMismatches > 0) {
    problems.push(`${dueMismatches} of ${sample.length} sampled appointments ≠ computeDueAt`);
  }
  return problems;
}

/** Open applications now, and how many are past their K1 appointment. */
export async function openSummary(client: Client): Promise<{ open: number; overdue: number }> {
  const { rows } = await client.query<{ open: number; overdue: number }>(
    `SELECT count(*)::int AS open,
            count(*) FILTER (WHERE COALESCE(paused_due_at, original_due_at, due_at) < now())::int AS overdue
     FROM applications WHERE status IN ${OPEN_STATUSES_SQL}`,
  );
  return rows[0];
}
