import type { WorkingCalendar } from '../calendar';
import { computeDueAt } from './compute-due-at';
import { DEFAULT_DEADLINE_POLICY, type DeadlinePolicy, type TimeLimit } from './deadline-policy';
import { pausedDueAt, restartAfterSupplement } from './supplement-deadlines';

/** Spec §3.4 (Decree 107/2021, unconfirmed for Decree 118): ask within 3 working days. */
export const DEFAULT_SUPPLEMENT_WINDOW_WORKING_DAYS = 3;

/** Why a supplement request is late; `after_due_date` wins when both hold. */
export type SupplementLateness = 'after_window' | 'after_due_date';

/**
 * How the time limit treats the supplement once it arrives: `restart` (a request within the
 * window: the limit runs again from zero) or `pause` (a late request accepted by a head's
 * override: the date in force plus the working time waited, never a fresh limit).
 */
export type SupplementClockRule = 'restart' | 'pause';

export interface SupplementRequestTiming {
  /** The last instant a request counts as in time: end of office hours of the n-th working day. */
  windowEndsAt: Date;
  late: SupplementLateness | null;
  clockRule: SupplementClockRule;
}

/**
 * Judges a supplement request made at `now`. The window is counted like a time limit of
 * `windowWorkingDays` working days from the reception (day 0, the 15:00 cut-off, holidays and
 * swapped Saturdays), so "within 3 working days" ends at 17:00 of the third working day.
 */
export function supplementRequestTiming(input: {
  now: Date;
  receivedAt: Date;
  dueAt: Date | null;
  windowWorkingDays: number;
  calendar: WorkingCalendar;
  policy?: DeadlinePolicy;
}): SupplementRequestTiming {
  const windowEndsAt = computeDueAt({
    receivedAt: input.receivedAt,
    limit: { value: input.windowWorkingDays, unit: 'working_days' },
    calendar: input.calendar,
    policy: input.policy,
  });
  const now = input.now.getTime();
  const late: SupplementLateness | null =
    input.dueAt && now > input.dueAt.getTime()
      ? 'after_due_date'
      : now > windowEndsAt.getTime()
        ? 'after_window'
        : null;
  return { windowEndsAt, late, clockRule: late ? 'pause' : 'restart' };
}

/**
 * The due date in force once the supplement arrives. `restart`: the limit again from the
 * completion. `pause`: the date in force pushed back by the working time waited — unless the
 * request came after that date, in which case the date stays: the delay already happened and
 * the apology is still owed (no escape through a late request).
 */
export function dueAtAfterSupplement(input: {
  clockRule: SupplementClockRule;
  requestedAt: Date;
  completedAt: Date;
  currentDueAt: Date;
  limit: TimeLimit;
  calendar: WorkingCalendar;
  policy?: DeadlinePolicy;
}): Date {
  const policy = input.policy ?? DEFAULT_DEADLINE_POLICY;
  if (input.clockRule === 'restart') {
    return restartAfterSupplement({
      completedAt: input.completedAt,
      limit: input.limit,
      calendar: input.calendar,
      policy,
    });
  }
  if (input.requestedAt.getTime() >= input.currentDueAt.getTime()) {
    return input.currentDueAt;
  }
  return pausedDueAt({
    originalDueAt: input.currentDueAt,
    requestedAt: input.requestedAt,
    completedAt: input.completedAt,
    calendar: input.calendar,
    policy,
  });
}
