import type { WorkingCalendar } from '../calendar';
import { computeDueAt } from './compute-due-at';
import { DEFAULT_DEADLINE_POLICY, type DeadlinePolicy, type TimeLimit } from './deadline-policy';
import { addWorkingMinutes, workingMinutesBetween } from './working-time';

/**
 * Restart rule (Decree 107/2021, unconfirmed for Decree 118): once the complete dossier arrives
 * the time limit runs again from zero, as if received at `completedAt`. This is the new
 * appointment date given to the applicant.
 */
export function restartAfterSupplement(input: {
  completedAt: Date;
  limit: TimeLimit;
  calendar: WorkingCalendar;
  policy?: DeadlinePolicy;
}): Date {
  return computeDueAt({ ...input, receivedAt: input.completedAt });
}

/**
 * Pause rule (QĐ 766 method): the original appointment pushed back by the working time that
 * elapsed between the supplement request and its completion. Working time rather than whole
 * days, so one rule covers both cases: a pause spanning k full working days moves the date by
 * exactly k working days at the same hour, and a pause of two office hours moves a 17:00
 * appointment to 09:30 the next working day. Time outside office hours does not count.
 */
export function pausedDueAt(input: {
  originalDueAt: Date;
  requestedAt: Date;
  completedAt: Date;
  calendar: WorkingCalendar;
  policy?: DeadlinePolicy;
}): Date {
  const policy = input.policy ?? DEFAULT_DEADLINE_POLICY;
  const paused = workingMinutesBetween(
    input.requestedAt,
    input.completedAt,
    input.calendar,
    policy,
  );
  return addWorkingMinutes(input.originalDueAt, paused, input.calendar, policy);
}

/**
 * The new appointment offered in a letter of apology (Phiếu xin lỗi và hẹn lại): the remaining
 * working days counted from `now` like a fresh reception.
 */
export function suggestNewDueAt(input: {
  now: Date;
  remainingWorkingDays: number;
  calendar: WorkingCalendar;
  policy?: DeadlinePolicy;
}): Date {
  return computeDueAt({
    receivedAt: input.now,
    limit: { value: input.remainingWorkingDays, unit: 'working_days' },
    calendar: input.calendar,
    policy: input.policy,
  });
}
