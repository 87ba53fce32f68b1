import {
  addLocalDays,
  atLocalTime,
  toLocalDate,
  type LocalDate,
  type WorkingCalendar,
} from '../calendar';
import {
  DEFAULT_REMINDER_SCHEDULE,
  OVERDUE_AFTER_MS,
  type DeadlineAlertKind,
} from './deadline-alert-times';
import type { DeadlinePolicy } from './deadline-policy';
import { workingDayBefore } from './working-day-before';

/** Longer than any run of days off (Tết is about nine), so a scan always ends on its own. */
const MAX_SCAN_DAYS = 400;

/**
 * The last local day X (from `start` on, forward) for which `holds(X)` is true, where `holds`
 * is true up to some day and false after it.
 */
function lastDayForward(start: LocalDate, holds: (day: LocalDate) => boolean): LocalDate {
  let day = start;
  for (let i = 0; i < MAX_SCAN_DAYS && holds(addLocalDays(day, 1)); i += 1) {
    day = addLocalDays(day, 1);
  }
  return day;
}

/**
 * For each reminder kind, the instant B such that, at `now`, the reminder of a due date has
 * come exactly when the due date is before B:
 *
 *     deadlineAlertTimes(dueAt, calendar, policy)[kind] <= now  ⟺  dueAt < B[kind]
 *
 * so the deadline sweep asks the index for `due_at < B` and never loads an application whose
 * reminder is not due yet (issue 14: "is this level due?" before loading anything).
 */
export function alertsDueBefore(
  now: Date,
  calendar: WorkingCalendar,
  policy: DeadlinePolicy,
  soonWorkingDays = DEFAULT_REMINDER_SCHEDULE.soonWorkingDaysBefore,
): Record<DeadlineAlertKind, Date> {
  const { hour, minute } = policy.officeHours.start;
  // Instants are whole milliseconds: dueAt <= now ⟺ dueAt < now + 1 ms.
  const justAfterNow = new Date(now.getTime() + 1);
  // A reminder at min(start of office hours on reminderDay(due day), dueAt): it has come when
  // either has. The first is true for every due day up to some day X, so for dueAt before the
  // midnight that ends X; the second for dueAt up to now.
  const bound = (reminderDay: (dueDay: LocalDate) => LocalDate): Date => {
    const yesterday = addLocalDays(toLocalDate(now), -1); // its reminders have all come
    const last = lastDayForward(
      yesterday,
      (day) => atLocalTime(reminderDay(day), hour, minute).getTime() <= now.getTime(),
    );
    const endOfLast = atLocalTime(addLocalDays(last, 1), 0);
    return endOfLast > justAfterNow ? endOfLast : justAfterNow;
  };
  return {
    due_soon: bound((day) => workingDayBefore(day, soonWorkingDays, calendar)),
    due_now: bound((day) => day),
    // dueAt + OVERDUE_AFTER_MS <= now
    overdue: new Date(now.getTime() - OVERDUE_AFTER_MS + 1),
  };
}
