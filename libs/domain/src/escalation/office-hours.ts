import { localTimeOf, minutesOfDay, toLocalDate, type TimeOfDay } from '../calendar/business-time';
import type { WorkingCalendar } from '../calendar/working-calendar';

/** True on a working day between the start (inclusive) and end (exclusive) of office hours. */
export function isWithinOfficeHours(
  now: Date,
  calendar: WorkingCalendar,
  officeHours: { start: TimeOfDay; end: TimeOfDay },
): boolean {
  if (!calendar.isWorkingDay(toLocalDate(now))) {
    return false;
  }
  const minutes = minutesOfDay(localTimeOf(now));
  return minutes >= minutesOfDay(officeHours.start) && minutes < minutesOfDay(officeHours.end);
}
