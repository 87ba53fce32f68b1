/**
 * A calendar date in Asia/Ho_Chi_Minh written 'YYYY-MM-DD'. A string rather than a Date so that
 * no machine time zone can shift it, and so it compares, sorts and serialises as itself.
 */
export type LocalDate = string;

export interface DateParts {
  year: number;
  month: number;
  day: number;
}

/** 0 = Sunday … 6 = Saturday, as in Date#getUTCDay. */
export type Weekday = 0 | 1 | 2 | 3 | 4 | 5 | 6;

const LOCAL_DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) {
    return isLeapYear(year) ? 29 : 28;
  }
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

export function parseLocalDate(date: LocalDate): DateParts {
  const match = LOCAL_DATE_PATTERN.exec(date);
  if (!match) {
    throw new RangeError(`Not a local date (YYYY-MM-DD): '${date}'`);
  }
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    throw new RangeError(`No such calendar date: '${date}'`);
  }
  return { year, month, day };
}

export function formatLocalDate(year: number, month: number, day: number): LocalDate {
  const yyyy = String(year).padStart(4, '0');
  const mm = String(month).padStart(2, '0');
  const dd = String(day).padStart(2, '0');
  return `${yyyy}-${mm}-${dd}`;
}

/**
 * Days since 1970-01-01 (proleptic Gregorian). Pure integer arithmetic (H. Hinnant's
 * days_from_civil) so it neither allocates nor depends on the host's Date quirks (years < 100).
 */
export function dayNumberFromParts(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const dayOfEra =
    yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}

export function partsFromDayNumber(dayNumber: number): DateParts {
  const z = dayNumber + 719468;
  const era = Math.floor(z / 146097);
  const dayOfEra = z - era * 146097;
  const yearOfEra = Math.floor(
    (dayOfEra -
      Math.floor(dayOfEra / 1460) +
      Math.floor(dayOfEra / 36524) -
      Math.floor(dayOfEra / 146096)) /
      365,
  );
  const dayOfYear =
    dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const mp = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

export function localDateToDayNumber(date: LocalDate): number {
  const { year, month, day } = parseLocalDate(date);
  return dayNumberFromParts(year, month, day);
}

export function dayNumberToLocalDate(dayNumber: number): LocalDate {
  const { year, month, day } = partsFromDayNumber(dayNumber);
  return formatLocalDate(year, month, day);
}

export function addLocalDays(date: LocalDate, days: number): LocalDate {
  return dayNumberToLocalDate(localDateToDayNumber(date) + days);
}

/** Same day of the month `months` later, clamped to the month's last day (BLDS 2015 Art. 147). */
export function addLocalMonths(date: LocalDate, months: number): LocalDate {
  const { year, month, day } = parseLocalDate(date);
  const monthIndex = year * 12 + (month - 1) + months;
  const targetYear = Math.floor(monthIndex / 12);
  const targetMonth = monthIndex - targetYear * 12 + 1;
  return formatLocalDate(
    targetYear,
    targetMonth,
    Math.min(day, daysInMonth(targetYear, targetMonth)),
  );
}

export function weekdayOfDayNumber(dayNumber: number): Weekday {
  // 1970-01-01 was a Thursday (4).
  return ((((dayNumber + 4) % 7) + 7) % 7) as Weekday;
}

export function localWeekday(date: LocalDate): Weekday {
  return weekdayOfDayNumber(localDateToDayNumber(date));
}

/** Negative, zero or positive like a sort comparator; well-formed ISO dates sort as strings. */
export function compareLocalDates(a: LocalDate, b: LocalDate): number {
  parseLocalDate(a);
  parseLocalDate(b);
  if (a === b) {
    return 0;
  }
  return a < b ? -1 : 1;
}
