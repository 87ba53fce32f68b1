import type { Client } from 'pg';
import { addLocalDays, atLocalTime, toLocalDate, WorkingCalendar } from '@app/domain';
import { Check, checkAtRisk, checkOnTime, checkSummary, NaiveSummary } from './checks';
import {
  NAIVE_AT_RISK_SQL,
  NAIVE_K2_SQL,
  NAIVE_K6_SQL,
  NaiveK1Row,
  naiveK1Sql,
  withoutIndexes,
} from './naive';

/**
 * What bench:metrics measures: each endpoint, its naive counterpart over the applications
 * table, and how the two answers are compared. The naive query returns the check of the
 * endpoint's answer, so a case carries its own types.
 */
export interface BenchCase {
  name: string;
  /** Under /api/v1/metrics/. */
  path: string;
  /** Judged against the targets; an extra case is reported beside them. */
  judged: boolean;
  naiveName: string;
  naive: () => Promise<(body: string) => Check>;
}

export const AT_RISK_LIMIT = 100;

interface Period {
  from: string;
  to: string;
  startAt: Date;
  endAt: Date;
  /** As OnTimeMetricsService: the end of `to`, or now while the period runs. */
  cutoff: () => Date;
}

function period(from: string, to: string): Period {
  const startAt = atLocalTime(from, 0);
  const endAt = atLocalTime(addLocalDays(to, 1), 0);
  return {
    from,
    to,
    startAt,
    endAt,
    cutoff: () => new Date(Math.min(Date.now(), endAt.getTime() - 1)),
  };
}

export function benchCases(db: Client, calendar: WorkingCalendar, now: Date): BenchCase[] {
  const today = toLocalDate(now);
  const lastYear = Number(today.slice(0, 4)) - 1;
  const year = period(`${lastYear}-01-01`, `${lastYear}-12-31`);
  const month = period(`${today.slice(0, 8)}01`, today);
  const query = async <T>(sql: string, values: unknown[]) =>
    (await db.query(sql, values)).rows as T[];
  const range = (p: Period) => `from=${p.from}&to=${p.to}`;
  const onTimeNaive = (p: Period) => async () => {
    const rows = await query<NaiveK1Row>(naiveK1Sql('department_id'), [
      p.startAt,
      p.endAt,
      p.cutoff(),
    ]);
    return (body: string) => checkOnTime(body, rows);
  };
  const workingDaysBetween = (a: string, b: string) => calendar.workingDaysBetween(a, b);
  // As KpiSummaryService.atRisk: due before the end of the next working day.
  const dueBefore = atLocalTime(addLocalDays(calendar.nextWorkingDay(today), 1), 0);
  return [
    {
      name: `GET /metrics/on-time?groupBy=department, ${lastYear}`,
      path: `on-time?${range(year)}&groupBy=department`,
      judged: true,
      naiveName: 'one GROUP BY over applications (K1 by department)',
      naive: onTimeNaive(year),
    },
    {
      name: `GET /metrics/summary, ${lastYear}`,
      path: `summary?${range(year)}`,
      judged: true,
      naiveName:
        'K1 by channel, K2 and K6, one statement each over applications (K8 and the catalog counts left out)',
      naive: async () => {
        const naive: NaiveSummary = {
          k1: await query(naiveK1Sql('channel'), [year.startAt, year.endAt, year.cutoff()]),
          k2: await query(NAIVE_K2_SQL, [year.startAt, year.endAt]),
          k6: (await query<NaiveSummary['k6']>(NAIVE_K6_SQL, [year.startAt, year.endAt]))[0],
        };
        return (body: string) => checkSummary(body, naive, workingDaysBetween);
      },
    },
    {
      name: `GET /metrics/at-risk (limit ${AT_RISK_LIMIT})`,
      path: `at-risk?limit=${AT_RISK_LIMIT}`,
      judged: true,
      naiveName: 'same statement, index scans off (sequential scan)',
      naive: async () => {
        const rows = await withoutIndexes(db, () =>
          query<{ id: string }>(NAIVE_AT_RISK_SQL, [dueBefore, AT_RISK_LIMIT]),
        );
        return (body: string) => checkAtRisk(body, rows);
      },
    },
    {
      // The dashboard's default period: every open application is in its population.
      name: `extra: GET /metrics/on-time?groupBy=department, ${month.from} … ${month.to}`,
      path: `on-time?${range(month)}&groupBy=department`,
      judged: false,
      naiveName: 'one GROUP BY over applications (K1 by department)',
      naive: onTimeNaive(month),
    },
  ];
}
