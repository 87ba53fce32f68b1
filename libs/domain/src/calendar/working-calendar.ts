import {
  DEFAULT_HOLIDAY_RULES,
  assertValidHolidayRules,
  ruleDaysOffForYear,
  type CalendarDayEntry,
  type HolidayRules,
} from './holiday-rules';
import {
  compareLocalDates,
  dayNumberFromParts,
  dayNumberToLocalDate,
  isLeapYear,
  localDateToDayNumber,
  parseLocalDate,
  partsFromDayNumber,
  weekdayOfDayNumber,
  type LocalDate,
} from './local-date';
import type { CalendarOverride } from './official-notices';

interface YearTable {
  firstDayNumber: number;
  /** One flag per day of the year: 1 = working day. */
  working: Uint8Array;
  /** Working days from 1 January up to and including each day of the year. */
  workingThrough: Uint16Array;
  entries: readonly CalendarDayEntry[];
}

/**
 * Working days for the civil service: Monday–Friday (per `rules.weeklyRestDays`) minus
 * holidays and make-up days, with the notices' overrides applied date by date on top.
 * Built once and shared: each year is computed on first use and cached, after which a day
 * lookup is an array read.
 */
export class WorkingCalendar {
  private readonly overridesByYear = new Map<number, Map<LocalDate, CalendarOverride>>();
  private readonly years = new Map<number, YearTable>();
  private readonly restDays: ReadonlySet<number>;

  constructor(
    overrides: readonly CalendarOverride[],
    private readonly rules: HolidayRules = DEFAULT_HOLIDAY_RULES,
  ) {
    assertValidHolidayRules(rules);
    this.restDays = new Set<number>(rules.weeklyRestDays);
    for (const override of overrides) {
      const { year } = parseLocalDate(override.date);
      if (override.kind !== 'day_off' && override.kind !== 'working_day') {
        throw new RangeError(`Unknown override kind for ${override.date}`);
      }
      const ofYear = this.overridesByYear.get(year) ?? new Map<LocalDate, CalendarOverride>();
      ofYear.set(override.date, override); // a later override for the same date wins
      this.overridesByYear.set(year, ofYear);
    }
  }

  isWorkingDay(date: LocalDate): boolean {
    return this.isWorkingDayNumber(localDateToDayNumber(date));
  }

  /** The first working day strictly after `date`. */
  nextWorkingDay(date: LocalDate): LocalDate {
    return dayNumberToLocalDate(this.nextWorkingDayNumber(localDateToDayNumber(date)));
  }

  /** `date` itself when it is a working day, else the next one (BLDS 2015 Art. 148). */
  workingDayOnOrAfter(date: LocalDate): LocalDate {
    return this.isWorkingDay(date) ? date : this.nextWorkingDay(date);
  }

  /** The n-th working day after `date`; n = 0 returns `date` (day 0) unchanged. */
  addWorkingDays(date: LocalDate, n: number): LocalDate {
    if (!Number.isInteger(n) || n < 0) {
      throw new RangeError(`addWorkingDays needs a whole n ≥ 0, got ${n}`);
    }
    let day = localDateToDayNumber(date);
    for (let counted = 0; counted < n; counted += 1) {
      day = this.nextWorkingDayNumber(day);
    }
    return dayNumberToLocalDate(day);
  }

  /**
   * Working days in (a, b]: after `a`, up to and including `b`, so that
   * workingDaysBetween(a, addWorkingDays(a, n)) === n. Negative when b is before a.
   */
  workingDaysBetween(a: LocalDate, b: LocalDate): number {
    if (compareLocalDates(b, a) < 0) {
      return -this.workingDaysBetween(b, a);
    }
    // From per-year running totals, not a walk over the days: the at-risk list asks this of
    // applications stalled for years, once per row.
    const from = localDateToDayNumber(a);
    const to = localDateToDayNumber(b);
    const fromYear = partsFromDayNumber(from).year;
    const toYear = partsFromDayNumber(to).year;
    let count = this.workingThrough(to) - this.workingThrough(from);
    for (let year = fromYear; year < toYear; year += 1) {
      const table = this.yearTable(year);
      count += table.workingThrough[table.workingThrough.length - 1];
    }
    return count;
  }

  /** Working days from 1 January of its year up to and including `dayNumber`. */
  private workingThrough(dayNumber: number): number {
    const table = this.yearTable(partsFromDayNumber(dayNumber).year);
    return table.workingThrough[dayNumber - table.firstDayNumber];
  }

  /** Holidays, make-up days, notice days off and Saturdays worked in `year`, by date. */
  describeYear(year: number): CalendarDayEntry[] {
    return this.yearTable(year).entries.map((entry) => ({ ...entry }));
  }

  private isWorkingDayNumber(dayNumber: number): boolean {
    const { year } = partsFromDayNumber(dayNumber);
    const table = this.yearTable(year);
    return table.working[dayNumber - table.firstDayNumber] === 1;
  }

  private nextWorkingDayNumber(dayNumber: number): number {
    let day = dayNumber + 1;
    while (!this.isWorkingDayNumber(day)) {
      day += 1;
    }
    return day;
  }

  private yearTable(year: number): YearTable {
    if (!Number.isInteger(year)) {
      throw new RangeError(`Not a year: ${year}`);
    }
    let table = this.years.get(year);
    if (!table) {
      table = this.buildYear(year);
      this.years.set(year, table);
    }
    return table;
  }

  private buildYear(year: number): YearTable {
    // With the Tết span capped at 15 days and mùng 1 never before 21/1, every day the rules
    // derive for a year lies inside it, so a year needs only its own rules.
    const byDate = new Map<LocalDate, CalendarDayEntry>();
    for (const entry of ruleDaysOffForYear(year, this.rules)) {
      if (!byDate.has(entry.date)) {
        byDate.set(entry.date, entry);
      }
    }
    for (const override of this.overridesByYear.get(year)?.values() ?? []) {
      byDate.delete(override.date);
      const { date, reason: name, source } = override;
      if (override.kind === 'day_off') {
        byDate.set(date, { date, kind: 'day_off', name, source });
      } else if (this.restDays.has(weekdayOfDayNumber(localDateToDayNumber(date)))) {
        byDate.set(date, { date, kind: 'working_saturday', name, source });
      }
    }
    const firstDayNumber = dayNumberFromParts(year, 1, 1);
    const working = new Uint8Array(isLeapYear(year) ? 366 : 365);
    for (let i = 0; i < working.length; i += 1) {
      working[i] = this.restDays.has(weekdayOfDayNumber(firstDayNumber + i)) ? 0 : 1;
    }
    for (const entry of byDate.values()) {
      working[localDateToDayNumber(entry.date) - firstDayNumber] =
        entry.kind === 'working_saturday' ? 1 : 0;
    }
    const entries = [...byDate.values()].sort((a, b) => compareLocalDates(a.date, b.date));
    const workingThrough = new Uint16Array(working.length);
    let running = 0;
    for (let i = 0; i < working.length; i += 1) {
      running += working[i];
      workingThrough[i] = running;
    }
    return { firstDayNumber, working, workingThrough, entries: Object.freeze(entries) };
  }
}
