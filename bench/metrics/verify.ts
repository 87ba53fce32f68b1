import type { Client } from 'pg';
import { classifyOnTime, computeDueAt, WorkingCalendar } from '@app/domain';
import { OPEN_STATUSES_SQL } from '@app/database/metrics/metrics.repository';

/**
 * Checks of a generated data set against the code it stands in for: on a sample, the
 * appointment is what computeDueAt gives and the stored K1 class is what classifyOnTime gives
 * (the worker's classification); in full, the roll-ups count every application exactly once.
 */
export async function verifyDataSet(
  client: Client,
  calendar: WorkingCalendar,
  expected: number,
): Promise<string[]> {
  const problems: string[] = [];
  const { rows: totals } = await client.query<Record<string, string>>(
    `SELECT (SELECT count(*) FROM applications) AS apps,
            (SELECT sum(received) FROM kpi_daily_rollups) AS received,
            (SELECT sum(result_early + result_on_time + result_late) FROM kpi_daily_rollups) AS results,
            (SELECT sum(completed) FROM kpi_daily_rollups) AS completed,
            (SELECT count(*) FROM application_outcomes) AS outcomes`,
  );
  const t = totals[0];
  if (Number(t.apps) !== expected) {
    problems.push(`applications: ${t.apps}, expected ${expected}`);
  }
  if (t.received !== t.apps) {
    problems.push(`roll-ups received ${t.received} ≠ applications ${t.apps}`);
  }
  if (t.results !== t.outcomes || t.completed !== t.outcomes) {
    problems.push(
      `roll-up results ${t.results} and completions ${t.completed} ≠ outcomes ${t.outcomes}`,
    );
  }

  // The month roll-ups exist from migration 1764470000000 on: they must add up to the days.
  const { rows: hasMonthly } = await client.query<{ found: boolean }>(
    `SELECT to_regclass('kpi_monthly_rollups') IS NOT NULL AS found`,
  );
  if (hasMonthly[0].found) {
    const { rows } = await client.query<{ received: string }>(
      `SELECT sum(received) AS received FROM kpi_monthly_rollups`,
    );
    if (rows[0].received !== t.received) {
      problems.push(`monthly roll-ups received ${rows[0].received} ≠ daily ${t.received}`);
    }
  }

  const percent = Math.min(100, (3000 / Math.max(expected, 1)) * 100);
  const { rows: sample } = await client.query<{
    receivedAt: Date;
    dueAt: Date;
    resultAt: Date | null;
    limit: number;
    outcome: string | null;
  }>(
    `SELECT a.received_at AS "receivedAt", a.original_due_at AS "dueAt",
            a.result_ready_at AS "resultAt", p.time_limit_value AS "limit", o.outcome
     FROM applications a TABLESAMPLE BERNOULLI ($1)
     JOIN procedures p ON p.id = a.procedure_id
     LEFT JOIN application_outcomes o ON o.application_id = a.id`,
    [percent],
  );
  let dueMismatches = 0;
  let classMismatches = 0;
  for (const r of sample) {
    const limit = { value: r.limit, unit: 'working_days' as const };
    const due = computeDueAt({ receivedAt: r.receivedAt, limit, calendar });
    if (due.getTime() !== r.dueAt.getTime()) {
      dueMismatches++;
    }
    if (r.resultAt) {
      const { outcome } = classifyOnTime({
        receivedAt: r.receivedAt,
        dueAt: r.dueAt,
        resultReadyAt: r.resultAt,
        supplements: [],
        limit,
        calendar,
        now: new Date(),
      });
      classMismatches += outcome === r.outcome ? 0 : 1;
    }
  }
  if (dueMismatches > 0) {
    problems.push(`${dueMismatches} of ${sample.length} sampled appointments ≠ computeDueAt`);
  }
  if (classMismatches > 0) {
    problems.push(`${classMismatches} of ${sample.length} sampled K1 classes ≠ classifyOnTime`);
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
