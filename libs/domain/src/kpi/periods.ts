import {
  daysInMonth,
  formatLocalDate,
  type LocalDate,
  localDateToDayNumber,
  parseLocalDate,
} from '../calendar';

/** A range of local dates (Asia/Ho_Chi_Minh), both ends included. */
export interface LocalDateRange {
  from: LocalDate;
  to: LocalDate;
}

export type PeriodKind = 'month' | 'quarter' | 'half' | 'nine-months' | 'year';

/**
 * calendar: the DVCQG dashboards' periods (1/1–31/3...). administrative: the report cut-offs of
 * Nghị định 09/2019/NĐ-CP (section 6 of the domain spec), from the 15th to the 14th.
 */
export type PeriodType = 'calendar' | 'administrative';

export const PERIOD_KINDS: readonly PeriodKind[] = [
  'month',
  'quarter',
  'half',
  'nine-months',
  'year',
];
export const PERIOD_TYPES: readonly PeriodType[] = ['calendar', 'administrative'];

/** How many periods of a kind a year holds: n runs from 1 to this. */
export function periodsPerYear(kind: PeriodKind): number {
  switch (kind) {
    case 'month':
      return 12;
    case 'quarter':
      return 4;
    case 'half':
      return 2;
    case 'nine-months':
    case 'year':
      return 1;
  }
}

/** The last month (1–12) a period covers. */
function lastMonth(kind: PeriodKind, n: number): number {
  switch (kind) {
    case 'month':
      return n;
    case 'quarter':
      return n * 3;
    case 'half':
      return n * 6;
    case 'nine-months':
      return 9;
    case 'year':
      return 12;
  }
}

function monthsCovered(kind: PeriodKind): number {
  switch (kind) {
    case 'month':
      return 1;
    case 'quarter':
      return 3;
    case 'half':
      return 6;
    case 'nine-months':
      return 9;
    case 'year':
      return 12;
  }
}

/**
 * The n-th period of a kind in a year. Administrative periods run from the 15th of the month
 * before the first month to the 14th of the last month, so the first period of a year starts on
 * 15/12 of the previous year. The spec names only the first half (15/12 – 14/6); the second half
 * (15/6 – 14/12) follows the same rule.
 */
export function reportingPeriod(
  kind: PeriodKind,
  type: PeriodType,
  year: number,
  n = 1,
): LocalDateRange {
  if (!Number.isInteger(year) || year < 1900 || year > 9999) {
    throw new RangeError(`year must be a whole number between 1900 and 9999, got ${year}`);
  }
  const count = periodsPerYear(kind);
  if (!Number.isInteger(n) || n < 1 || n > count) {
    throw new RangeError(`n must be between 1 and ${count} for ${kind}, got ${n}`);
  }
  const last = lastMonth(kind, n);
  const first = last - monthsCovered(kind) + 1;
  if (type === 'calendar') {
    return {
      from: formatLocalDate(year, first, 1),
      to: formatLocalDate(year, last, daysInMonth(year, last)),
    };
  }
  const startYear = first === 1 ? year - 1 : year;
  const startMonth = first === 1 ? 12 : first - 1;
  return { from: formatLocalDate(startYear, startMonth, 15), to: formatLocalDate(year, last, 14) };
}

/** Vietnamese name of a period: 'Quý IV/2026', '6 tháng đầu năm 2026', 'Tháng 10/2026'. */
export function periodName(kind: PeriodKind, year: number, n = 1): string {
  switch (kind) {
    case 'month':
      return monthLabel(year, n);
    case 'quarter':
      return quarterLabel(year, n);
    case 'half':
      return n === 1 ? `6 tháng đầu năm ${year}` : `6 tháng cuối năm ${year}`;
    case 'nine-months':
      return `9 tháng năm ${year}`;
    case 'year':
      return `Năm ${year}`;
  }
}

const ROMAN = ['I', 'II', 'III', 'IV'];

export function monthLabel(year: number, month: number): string {
  return `Tháng ${month}/${year}`;
}

export function quarterLabel(year: number, quarter: number): string {
  return `Quý ${ROMAN[quarter - 1]}/${year}`;
}

/** Calendar month key 'YYYY-MM' and quarter key 'YYYY-Qn' of a local date. */
export function monthKey(date: LocalDate): string {
  return date.slice(0, 7);
}

export function quarterKey(date: LocalDate): string {
  const { year, month } = parseLocalDate(date);
  return `${year}-Q${Math.ceil(month / 3)}`;
}

/** Label of a month or quarter key as produced above. */
export function periodKeyLabel(key: string): string {
  const quarter = /^(\d{4})-Q([1-4])$/.exec(key);
  if (quarter) {
    return quarterLabel(Number(quarter[1]), Number(quarter[2]));
  }
  const month = /^(\d{4})-(\d{2})$/.exec(key);
  if (month) {
    return monthLabel(Number(month[1]), Number(month[2]));
  }
  throw new RangeError(`not a month or quarter key: ${key}`);
}

/** Number of days in a range, both ends included. */
export function rangeLength(range: LocalDateRange): number {
  return localDateToDayNumber(range.to) - localDateToDayNumber(range.from) + 1;
}

/** 'dd/mm/yyyy', the way dates are written on Vietnamese reports. */
export function formatVietnameseDate(date: LocalDate): string {
  const { year, month, day } = parseLocalDate(date);
  return `${String(day).padStart(2, '0')}/${String(month).padStart(2, '0')}/${year}`;
}

export interface ReportingPeriodId {
  kind: PeriodKind;
  type: PeriodType;
  year: number;
  n: number;
}

/** Which standard reporting period a range is exactly, if any (a closed period is stored under it). */
export function identifyReportingPeriod(range: LocalDateRange): ReportingPeriodId | null {
  const { year } = parseLocalDate(range.to);
  for (const type of PERIOD_TYPES) {
    for (const kind of PERIOD_KINDS) {
      for (let n = 1; n <= periodsPerYear(kind); n += 1) {
        const p = reportingPeriod(kind, type, year, n);
        if (p.from === range.from && p.to === range.to) {
          return { kind, type, year, n };
        }
      }
    }
  }
  return null;
}

/** Every standard period (both types) whose last day is in [from, to], in order of that day. */
export function reportingPeriodsEndingBetween(
  from: LocalDate,
  to: LocalDate,
): Array<ReportingPeriodId & LocalDateRange> {
  const out: Array<ReportingPeriodId & LocalDateRange> = [];
  const first = parseLocalDate(from).year;
  const last = parseLocalDate(to).year;
  for (let year = first; year <= last; year += 1) {
    for (const type of PERIOD_TYPES) {
      for (const kind of PERIOD_KINDS) {
        for (let n = 1; n <= periodsPerYear(kind); n += 1) {
          const p = reportingPeriod(kind, type, year, n);
          if (p.to >= from && p.to <= to) {
            out.push({ kind, type, year, n, ...p });
          }
        }
      }
    }
  }
  return out.sort((a, b) => (a.to === b.to ? 0 : a.to < b.to ? -1 : 1));
}

/**
 * Calendar months or quarters intersected with a range, each a period of its own (K1 of a
 * quarter is not the sum of its months: an application open across months counts in each).
 */
export function calendarBuckets(
  range: LocalDateRange,
  size: 'month' | 'quarter',
): Array<LocalDateRange & { key: string }> {
  const out: Array<LocalDateRange & { key: string }> = [];
  let start = range.from;
  while (start <= range.to) {
    const { year, month } = parseLocalDate(start);
    const lastMonth = size === 'month' ? month : Math.ceil(month / 3) * 3;
    const end = formatLocalDate(year, lastMonth, daysInMonth(year, lastMonth));
    const to = end < range.to ? end : range.to;
    out.push({ key: size === 'month' ? monthKey(start) : quarterKey(start), from: start, to });
    start = formatLocalDate(
      lastMonth === 12 ? year + 1 : year,
      lastMonth === 12 ? 1 : lastMonth + 1,
      1,
    );
  }
  return out;
}
