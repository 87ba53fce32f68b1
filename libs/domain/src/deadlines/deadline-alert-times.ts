import { addLocalDays, atLocalTime, toLocalDate, type WorkingCalendar } from '../calendar';
import type { DeadlinePolicy } from './deadline-policy';

export type DeadlineAlertKind = 'due_soon' | 'due_now' | 'overdue';

/** In firing order. */
export const DEADLINE_ALERT_KINDS: readonly DeadlineAlertKind[] = [
  'due_soon',
  'due_now',
  'overdue',
];

/** "Just after" the due instant: the overdue alert fires this long after it. */
export const OVERDUE_AFTER_MS = 1000;

/**
 * When each reminder of a due date fires: "due soon" at the start of office hours on the
 * working day `soonWorkingDays` before the due day (never after the due instant itself),
 * "due now" at the due instant, "overdue" just after it.
 */
export function deadlineAlertTimes(
  dueAt: Date,
  calendar: WorkingCalendar,
  policy: DeadlinePolicy,
  soonWorkingDays = 1,
): Record<DeadlineAlertKind, Date> {
  let day = toLocalDate(dueAt);
  for (let n = 0; n < soonWorkingDays;) {
    day = addLocalDays(day, -1);
    if (calendar.isWorkingDay(day)) {
      n += 1;
    }
  }
  const { hour, minute } = policy.officeHours.start;
  const soon = atLocalTime(day, hour, minute);
  return {
    due_soon: soon.getTime() <= dueAt.getTime() ? soon : dueAt,
    due_now: dueAt,
    overdue: new Date(dueAt.getTime() + OVERDUE_AFTER_MS),
  };
}
