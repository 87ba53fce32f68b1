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
 *
 * A past standard period is answered three ways by the API (PeriodFiguresService): computed
 * exactly from the K1 segments until it is closed, then frozen; a running period live. The
 * cases measure each: `stage` 'open' cases run before the bench closes the periods (as the
 * nightly job does 30 minutes after they end), 'closed' ones after. `basis` is checked, so a
 * case measures the path it names.
 */
export interface BenchCase {
  name: string;
  /** Under /api/v1/metrics/. */
  path: string;
  /** Judged against the targets; an extra case is reported beside them. */
  judged: boolean;
  stage: 'open' | 'closed';
  /** The `basis` the answer must carry (none for at-risk). */
  basis: 'computed' | 'frozen' | 'live' | null;
  naiveName: string;
  naive: () => Promise<(body: string) => Check>;
}

/** A period the bench closes through POST /metrics/periods/close before the 'closed' cases. */
export interface ClosedPeriod {
  kind: 'quarter' | 'year';
  periodType: 'calendar';
  year: number;
  n: number;
}

export const AT_RISK_LIMIT = 100;

interface Period {
  from: string;
  to: string;
  startAt: Date;
  endAt: Date;
  /** As PeriodFiguresService: the period's end, or now while it runs. */
  asOf: () => Date;
}

function period(from: string, to: string): Period {
  const startAt = atLocalTime(from, 0);
  const endAt = atLocalTime(addLocalDays(to, 1), 0);
  return {
    from,
    to,
    startAt,
    endAt,
    asOf: () => new Date(Math.min(Date.now(), endAt.getTime())),
  };
}

const pad = (n: number) => String(n).padStart(2, '0');
const lastDayOfMonth = (year: number, month: number) =>
  new Date(Date.UTC(year, month, 0)).getUTCDate();

function quarter(year: number, q: number): Period {
  const last = q * 3;
  return period(
    `${year}-${pad(last - 2)}-01`,
    `${year}-${pad(last)}-${lastDayOfMonth(year, last)}`,
  );
}

export function benchPeriods(now: Date) {
  const today = toLocalDate(now);
  const year = Number(today.slice(0, 4));
  const q = Math.floor((Number(today.slice(5, 7)) - 1) / 3) + 1;
  const previous = q === 1 ? { year: year - 1, q: 4 } : { year, q: q - 1 };
  return {
    lastYear: year - 1,
    previousQuarter: previous,
    toClose: [
      { kind: 'quarter', periodType: 'calendar', year: previous.year, n: previous.q },
      { kind: 'year', periodType: 'calendar', year: year - 1, n: 1 },
    ] as ClosedPeriod[],
    periods: {
      year: period(`${year - 1}-01-01`, `${year - 1}-12-31`),
      lastQuarter: quarter(previous.year, previous.q),
      thisQuarter: period(quarter(year, q).from, today),
      month: period(`${today.slice(0, 8)}01`, today),
    },
  };
}

export function benchCases(db: Client, calendar: WorkingCalendar, now: Date): BenchCase[] {
  const today = toLocalDate(now);
  const { periods, lastYear, previousQuarter } = benchPeriods(now);
  const query = async <T>(sql: string, values: unknown[]) =>
    (await db.query(sql, values)).rows as T[];
  const range = (p: Period) => `from=${p.from}&to=${p.to}`;
  const onTimeNaive = (p: Period) => async () => {
    const rows = await query<NaiveK1Row>(naiveK1Sql('department_id'), [p.startAt, p.asOf()]);
    return (body: string) => checkOnTime(body, rows);
  };
  const workingDaysBetween = (a: string, b: string) => calendar.workingDaysBetween(a, b);
  // As KpiSummaryService.atRisk: due before the end of the next working day.
  const dueBefore = atLocalTime(addLocalDays(calendar.nextWorkingDay(today), 1), 0);
  const quarterName = `Q${previousQuarter.q}/${previousQuarter.year}`;
  const naiveK1Name = 'K1 by department from the formula, one statement over applications';
  return [
    {
      name: `on-time by department, ${quarterName}, computed (before closing)`,
      path: `on-time?${range(periods.lastQuarter)}&groupBy=department`,
      judged: false,
      stage: 'open',
      basis: 'computed',
      naiveName: naiveK1Name,
      naive: onTimeNaive(periods.lastQuarter),
    },
    {
      name: `on-time by department, ${quarterName}, closed (frozen)`,
      path: `on-time?${range(periods.lastQuarter)}&groupBy=department`,
      judged: true,
      stage: 'closed',
      basis: 'frozen',
      naiveName: naiveK1Name,
      naive: onTimeNaive(periods.lastQuarter),
    },
    {
      name: `on-time by department, this quarter ${periods.thisQuarter.from} … ${periods.thisQuarter.to} (live)`,
      path: `on-time?${range(periods.thisQuarter)}&groupBy=department`,
      judged: true,
      stage: 'open',
      basis: 'live',
      naiveName: naiveK1Name,
      naive: onTimeNaive(periods.thisQuarter),
    },
    {
      name: `summary, ${lastYear}, closed (frozen)`,
      path: `summary?${range(periods.year)}`,
      judged: true,
      stage: 'closed',
      basis: 'frozen',
      naiveName: 'K1 by channel, K2 and K6, one statement each over applications (K8 left out)',
      naive: async () => {
        const asOf = periods.year.asOf();
        const naive: NaiveSummary = {
          k1: await query(naiveK1Sql('channel'), [periods.year.startAt, asOf]),
          k2: await query(NAIVE_K2_SQL, [periods.year.startAt, asOf]),
          k6: (await query<NaiveSummary['k6']>(NAIVE_K6_SQL, [periods.year.startAt, asOf]))[0],
        };
        return (body: string) => checkSummary(body, naive, workingDaysBetween);
      },
    },
    {
      name: `at-risk (limit ${AT_RISK_LIMIT})`,
      path: `at-risk?limit=${AT_RISK_LIMIT}`,
      judged: true,
      stage: 'open',
      basis: null,
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
      name: `extra: on-time by department, ${periods.month.from} … ${periods.month.to} (live)`,
      path: `on-time?${range(periods.month)}&groupBy=department`,
      judged: false,
      stage: 'open',
      basis: 'live',
      naiveName: naiveK1Name,
      naive: onTimeNaive(periods.month),
    },
  ];
}
