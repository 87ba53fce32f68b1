import {
  addLocalDays,
  compareLocalDates,
  formatLocalDate,
  localWeekday,
  parseLocalDate,
  type LocalDate,
  type Weekday,
} from './local-date';
import { lunarToSolar } from './lunar-calendar';

/** How a day appears in a year's calendar (GET /calendar/{year}). */
export type CalendarDayKind = 'holiday' | 'compensatory' | 'day_off' | 'working_saturday';

export interface CalendarDayEntry {
  date: LocalDate;
  kind: CalendarDayKind;
  /** Vietnamese name shown to users. */
  name: string;
  /** 'rule:<article>' for days derived from the law, else the notice's reference. */
  source: string;
  /** For compensatory days: the holiday on a weekly rest day that this day makes up. */
  compensatesFor?: LocalDate;
}

/**
 * The statutory rules (Bộ luật Lao động 2019 Art. 111(3), 112; NQ 28/2026/QH16 Art. 2). The
 * parts the Prime Minister fixes each year (Tết span, day next to 2/9) are settings, and a
 * year's notice is applied on top as overrides (see WorkingCalendar).
 */
export interface HolidayRules {
  /** 0 = Sunday … 6 = Saturday. */
  weeklyRestDays: readonly Weekday[];
  /** Tết span around mùng 1: `daysBefore` days before it, mùng 1, then `daysAfter` days after. */
  tet: { daysBefore: number; daysAfter: number };
  /** The extra National Day: 1/9 ('before') or 3/9 ('after'). */
  nationalDayAdjacent: 'before' | 'after';
  /** 24/11 is a holiday from `effectiveFrom`; weekend make-up is unconfirmed, hence the flag. */
  cultureDay: { effectiveFrom: LocalDate; compensateOnWeekend: boolean };
}

export const DEFAULT_HOLIDAY_RULES: HolidayRules = Object.freeze({
  weeklyRestDays: Object.freeze([0, 6] as Weekday[]),
  // Last day of the lunar year (29 or 30 Chạp) through mùng 4: five days.
  tet: Object.freeze({ daysBefore: 1, daysAfter: 3 }),
  nationalDayAdjacent: 'before',
  cultureDay: Object.freeze({ effectiveFrom: '2026-07-01', compensateOnWeekend: true }),
});

export const HOLIDAY_NAMES = Object.freeze({
  newYear: 'Tết Dương lịch',
  tet: 'Tết Nguyên đán',
  hungKings: 'Giỗ Tổ Hùng Vương',
  victory: 'Ngày Chiến thắng',
  labour: 'Ngày Quốc tế Lao động',
  nationalDay: 'Ngày Quốc khánh',
  cultureDay: 'Ngày Văn hóa Việt Nam',
  compensatory: 'Nghỉ bù',
});

export const RULE_SOURCES = Object.freeze({
  holiday: 'rule:Art. 112',
  compensatory: 'rule:Art. 111(3)',
  cultureDay: 'rule:NQ 28/2026/QH16 Art. 2',
});

interface Holiday {
  date: LocalDate;
  name: string;
  source: string;
  compensable: boolean;
}

export function assertValidHolidayRules(rules: HolidayRules): void {
  const { daysBefore, daysAfter } = rules.tet;
  const spanOk = [daysBefore, daysAfter].every((n) => Number.isInteger(n) && n >= 0 && n <= 15);
  const restOk =
    new Set(rules.weeklyRestDays).size < 7 &&
    rules.weeklyRestDays.every((d) => Number.isInteger(d) && d >= 0 && d <= 6);
  if (!spanOk || !restOk) {
    throw new RangeError(
      'Holiday rules: Tết span must be 0–15 days each side; some weekday must be worked',
    );
  }
  parseLocalDate(rules.cultureDay.effectiveFrom); // throws RangeError when malformed
}

function statutoryHolidays(year: number, rules: HolidayRules): Holiday[] {
  const fixed = (month: number, day: number, name: string): Holiday => ({
    date: formatLocalDate(year, month, day),
    name,
    source: RULE_SOURCES.holiday,
    compensable: true,
  });
  const newYearDay = lunarToSolar(1, 1, year);
  const mung1 = formatLocalDate(newYearDay.year, newYearDay.month, newYearDay.day);
  const tetDays: Holiday[] = [];
  for (let offset = -rules.tet.daysBefore; offset <= rules.tet.daysAfter; offset += 1) {
    tetDays.push({
      date: addLocalDays(mung1, offset),
      name: HOLIDAY_NAMES.tet,
      source: RULE_SOURCES.holiday,
      compensable: true,
    });
  }
  const hungKings = lunarToSolar(10, 3, year);
  const holidays: Holiday[] = [
    fixed(1, 1, HOLIDAY_NAMES.newYear),
    ...tetDays,
    {
      date: formatLocalDate(hungKings.year, hungKings.month, hungKings.day),
      name: HOLIDAY_NAMES.hungKings,
      source: RULE_SOURCES.holiday,
      compensable: true,
    },
    fixed(4, 30, HOLIDAY_NAMES.victory),
    fixed(5, 1, HOLIDAY_NAMES.labour),
    fixed(9, rules.nationalDayAdjacent === 'before' ? 1 : 3, HOLIDAY_NAMES.nationalDay),
    fixed(9, 2, HOLIDAY_NAMES.nationalDay),
  ];
  const cultureDay = formatLocalDate(year, 11, 24);
  if (compareLocalDates(cultureDay, rules.cultureDay.effectiveFrom) >= 0) {
    holidays.push({
      date: cultureDay,
      name: HOLIDAY_NAMES.cultureDay,
      source: RULE_SOURCES.cultureDay,
      compensable: rules.cultureDay.compensateOnWeekend,
    });
  }
  return holidays.sort((a, b) => compareLocalDates(a.date, b.date));
}

/**
 * The days off the law gives for the holidays of `year` (Tết of the lunar year starting in it),
 * without any notice applied. Each holiday on a weekly rest day is made up on the first later
 * day that is neither a rest day, a holiday nor already a make-up day (Art. 111(3)); for Tết this
 * puts one make-up day after the span for each span day that falls on a weekend.
 */
export function ruleDaysOffForYear(
  year: number,
  rules: HolidayRules = DEFAULT_HOLIDAY_RULES,
): CalendarDayEntry[] {
  assertValidHolidayRules(rules);
  const rest = new Set<number>(rules.weeklyRestDays);
  const holidays = statutoryHolidays(year, rules);
  const taken = new Set(holidays.map((h) => h.date));
  const entries: CalendarDayEntry[] = holidays.map(({ date, name, source }) => ({
    date,
    kind: 'holiday',
    name,
    source,
  }));
  for (const holiday of holidays) {
    if (!holiday.compensable || !rest.has(localWeekday(holiday.date))) {
      continue;
    }
    let candidate = addLocalDays(holiday.date, 1);
    while (rest.has(localWeekday(candidate)) || taken.has(candidate)) {
      candidate = addLocalDays(candidate, 1);
    }
    taken.add(candidate);
    entries.push({
      date: candidate,
      kind: 'compensatory',
      name: HOLIDAY_NAMES.compensatory,
      source: RULE_SOURCES.compensatory,
      compensatesFor: holiday.date,
    });
  }
  return entries.sort((a, b) => compareLocalDates(a.date, b.date));
}
