import { localDay, LocalDate, nextLocalDay, Period, startOfLocalDay } from './k1-reference';

/**
 * The standard reporting periods (domain spec section 6), written out independently of the
 * production code: calendar periods, and administrative ones that run from the 15th of the
 * month before to the 14th (Nghị định 09/2019). Half = first or second half of the reporting
 * year; nine months = its first three quarters.
 */
export type PeriodKind = 'month' | 'quarter' | 'half' | 'nine-months' | 'year';
export type PeriodType = 'calendar' | 'administrative';

export interface StandardPeriod extends Period {
  kind: PeriodKind;
  type: PeriodType;
  /** e.g. "administrative quarter 1/2026 (2025-12-15..2026-03-14)". */
  label: string;
  /** Over by `now`: its T is 00:00 after `to`. */
  ended: boolean;
}

const pad = (n: number) => String(n).padStart(2, '0');
const lastDayOf = (year: number, month: number): LocalDate =>
  localDay(
    Date.parse(
      `${month === 12 ? year + 1 : year}-${pad(month === 12 ? 1 : month + 1)}-01T00:00:00+07:00`,
    ) - 1,
  );

/** Calendar months first..last of a reporting year, or their 15th–14th administrative twins. */
function span(type: PeriodType, year: number, firstMonth: number, lastMonth: number): Period {
  if (type === 'calendar') {
    return { from: `${year}-${pad(firstMonth)}-01`, to: lastDayOf(year, lastMonth) };
  }
  const fromYear = firstMonth === 1 ? year - 1 : year;
  const fromMonth = firstMonth === 1 ? 12 : firstMonth - 1;
  return { from: `${fromYear}-${pad(fromMonth)}-15`, to: `${year}-${pad(lastMonth)}-14` };
}

function periodsOfYear(year: number): Array<Omit<StandardPeriod, 'ended'>> {
  const out: Array<Omit<StandardPeriod, 'ended'>> = [];
  for (const type of ['calendar', 'administrative'] as const) {
    const add = (kind: PeriodKind, name: string, first: number, last: number) => {
      const p = span(type, year, first, last);
      out.push({ ...p, kind, type, label: `${type} ${name} (${p.from}..${p.to})` });
    };
    for (let m = 1; m <= 12; m++) {
      add('month', `month ${m}/${year}`, m, m);
    }
    for (let q = 1; q <= 4; q++) {
      add('quarter', `quarter ${q}/${year}`, 3 * q - 2, 3 * q);
    }
    add('half', `half 1/${year}`, 1, 6);
    add('half', `half 2/${year}`, 7, 12);
    add('nine-months', `nine months ${year}`, 1, 9);
    add('year', `year ${year}`, 1, 12);
  }
  return out;
}

/**
 * Every standard period that ended between `since` and `now`, and those running at `now`,
 * in order of their end.
 */
export function standardPeriods(since: LocalDate, now: number): StandardPeriod[] {
  const today = localDay(now);
  const out: StandardPeriod[] = [];
  const firstYear = Number(since.slice(0, 4));
  const lastYear = Number(today.slice(0, 4)) + 1;
  for (let year = firstYear; year <= lastYear; year++) {
    for (const p of periodsOfYear(year)) {
      const ended = startOfLocalDay(nextLocalDay(p.to)) <= now;
      const running = p.from <= today && !ended;
      if ((ended && p.to >= since) || running) {
        out.push({ ...p, ended });
      }
    }
  }
  return out.sort((a, b) => (a.to < b.to ? -1 : a.to > b.to ? 1 : a.label < b.label ? -1 : 1));
}
