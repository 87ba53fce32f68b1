import { atLocalTime, toLocalDate, type LocalDate, type WorkingCalendar } from '../calendar';
import type { DeadlinePolicy } from './deadline-policy';
import { workingDayBefore } from './working-day-before';

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
 * Where each reminder sits, as data: in working time BEFORE the deadline, so that people can
 * still act (an apology must reach the applicant at least one working day before the due date,
 * spec §2). Working days count back from the due day, so weekends, Tết and
 * swapped Saturdays are handled by the calendar. `overdue` alone fires after the deadline.
 */
export interface ReminderSchedule {
  /** "Due soon": this many working days before the due day, at the start of office hours. */
  soonWorkingDaysBefore: number;
  /** "Due today": at the start of office hours of the due day. */
  dueTodayAt: 'start_of_due_day';
  /** "Overdue": OVERDUE_AFTER_MS after the due instant. */
  overdueAt: 'after_due';
}

export const DEFAULT_REMINDER_SCHEDULE: ReminderSchedule = Object.freeze({
  soonWorkingDaysBefore: 1,
  dueTodayAt: 'start_of_due_day' as const,
  overdueAt: 'after_due' as const,
});

/**
 * When each reminder of a due date fires: "due soon" at the start of office hours on the
 * working day `soonWorkingDays` before the due day, "due today" at the start of office hours of
 * the due day, "overdue" just after the due instant. None fires after the due instant it
 * announces, and none before the previous one.
 */
export function deadlineAlertTimes(
  dueAt: Date,
  calendar: WorkingCalendar,
  policy: DeadlinePolicy,
  soonWorkingDays = DEFAULT_REMINDER_SCHEDULE.soonWorkingDaysBefore,
): Record<DeadlineAlertKind, Date> {
  const dueDay = toLocalDate(dueAt);
  const { hour, minute } = policy.officeHours.start;
  const startOf = (day: LocalDate) => atLocalTime(day, hour, minute);
  const notAfterDue = (at: Date) => (at.getTime() <= dueAt.getTime() ? at : dueAt);
  return {
    due_soon: notAfterDue(startOf(workingDayBefore(dueDay, soonWorkingDays, calendar))),
    due_now: notAfterDue(startOf(dueDay)),
    overdue: new Date(dueAt.getTime() + OVERDUE_AFTER_MS),
  };
}
