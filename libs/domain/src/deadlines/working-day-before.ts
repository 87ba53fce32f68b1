import { addLocalDays, type LocalDate, type WorkingCalendar } from '../calendar';

/** The working day `n` working days before `day` (n ≥ 1); `day` itself need not be working. */
export function workingDayBefore(day: LocalDate, n: number, calendar: WorkingCalendar): LocalDate {
  if (!Number.isInteger(n) || n < 1) {
    throw new RangeError(`workingDayBefore needs a whole n ≥ 1, got ${n}`);
  }
  let current = day;
  for (let counted = 0; counted < n;) {
    current = addLocalDays(current, -1);
    if (calendar.isWorkingDay(current)) {
      counted += 1;
    }
  }
  return current;
}
