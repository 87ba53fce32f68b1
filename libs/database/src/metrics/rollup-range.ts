import { addLocalDays, addLocalMonths, LocalDate } from '@app/domain';

/**
 * Local days from..to as the roll-up tables hold them: the whole months in the range from
 * kpi_monthly_rollups (one row per month and key instead of ~30), the days before the first
 * and after the last whole month from kpi_daily_rollups. Any part may be empty: a range inside
 * one month has no whole month, a range of whole months no days. Dates compare as text.
 */
export interface RollupRange {
  headFrom: LocalDate;
  headTo: LocalDate;
  /** First day of the first whole month. */
  monthsFrom: LocalDate;
  /** First day after the last whole month (= monthsFrom when there is none). */
  monthsEnd: LocalDate;
  tailFrom: LocalDate;
  tailTo: LocalDate;
}

export function splitRollupRange(from: LocalDate, to: LocalDate): RollupRange {
  const afterTo = addLocalDays(to, 1);
  const monthsFrom = from.endsWith('-01') ? from : addLocalMonths(`${from.slice(0, 8)}01`, 1);
  const monthsEnd = afterTo.endsWith('-01') ? afterTo : `${to.slice(0, 8)}01`;
  if (monthsFrom >= monthsEnd) {
    return {
      headFrom: from,
      headTo: to,
      monthsFrom,
      monthsEnd: monthsFrom,
      tailFrom: afterTo,
      tailTo: to,
    };
  }
  return {
    headFrom: from,
    headTo: addLocalDays(monthsFrom, -1),
    monthsFrom,
    monthsEnd,
    tailFrom: monthsEnd,
    tailTo: to,
  };
}

/**
 * The roll-up rows of a range as one relation with a `day` column (a month's rows carry its
 * first day, so month and quarter keys still work) and `columns`; its six parameters, from
 * `$first`, are rollupRangeParams().
 */
export function rollupRowsSql(columns: string, first: number): string {
  const p = (i: number) => `$${first + i}::date`;
  return `(SELECT month AS day, ${columns} FROM kpi_monthly_rollups WHERE month >= ${p(2)} AND month < ${p(3)}
    UNION ALL SELECT day, ${columns} FROM kpi_daily_rollups WHERE day BETWEEN ${p(0)} AND ${p(1)}
    UNION ALL SELECT day, ${columns} FROM kpi_daily_rollups WHERE day BETWEEN ${p(4)} AND ${p(5)})`;
}

export function rollupRangeParams(r: RollupRange): LocalDate[] {
  return [r.headFrom, r.headTo, r.monthsFrom, r.monthsEnd, r.tailFrom, r.tailTo];
}
