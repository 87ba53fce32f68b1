import {
  addLocalDays,
  addLocalMonths,
  atLocalTime,
  localMillisOfDay,
  minutesOfDay,
  toLocalDate,
  type LocalDate,
  type WorkingCalendar,
} from '../calendar';
import {
  DEFAULT_DEADLINE_POLICY,
  assertValidDeadlinePolicy,
  assertValidTimeLimit,
  type DeadlinePolicy,
  type TimeLimit,
} from './deadline-policy';
import { addWorkingMinutes } from './working-time';

export interface ComputeDueAtInput {
  receivedAt: Date;
  limit: TimeLimit;
  calendar: WorkingCalendar;
  policy?: DeadlinePolicy;
}

/**
 * The day the dossier counts as received: the reception day itself, or — when received after
 * the cut-off (strictly: 15:00:00 is still the same day, 15:00:00.001 is not) or on a
 * non-working day — the next working day (Decree 61 "sau 15 giờ" forwarding rule, applied to
 * every unit so that all limits start from the same moment).
 */
export function effectiveReceptionDay(
  receivedAt: Date,
  calendar: WorkingCalendar,
  policy: DeadlinePolicy = DEFAULT_DEADLINE_POLICY,
): LocalDate {
  const day = toLocalDate(receivedAt);
  const afterCutoff = localMillisOfDay(receivedAt) > minutesOfDay(policy.cutoff) * 60_000;
  return afterCutoff || !calendar.isWorkingDay(day) ? calendar.nextWorkingDay(day) : day;
}

/**
 * The appointment time for a dossier (domain spec section 3):
 * - working_days: the n-th working day after the effective reception day (day 0), at the end of
 *   office hours; n = 0 (same-day procedures) is the effective reception day itself;
 * - hours: n hours of working time (see working-time.ts) from the reception, or from the start
 *   of the next working day when the reception is shifted;
 * - calendar_days: effective reception day + n, moved to the next working day if needed
 *   (BLDS Art. 148); months: the same day n months later (clamped to month end), likewise.
 * With dayZero = false the effective reception day is day 1, so a limit of n working or
 * calendar days ends one day earlier; months and hours are unaffected.
 */
export function computeDueAt(input: ComputeDueAtInput): Date {
  const { receivedAt, limit, calendar } = input;
  const policy = input.policy ?? DEFAULT_DEADLINE_POLICY;
  assertValidTimeLimit(limit);
  assertValidDeadlinePolicy(policy);
  const receptionDay = effectiveReceptionDay(receivedAt, calendar, policy);
  const countedDays = policy.dayZero ? limit.value : Math.max(limit.value - 1, 0);
  const endOfOffice = (day: LocalDate): Date =>
    atLocalTime(day, policy.officeHours.end.hour, policy.officeHours.end.minute);

  switch (limit.unit) {
    case 'working_days':
      return endOfOffice(calendar.addWorkingDays(receptionDay, countedDays));
    case 'calendar_days':
      return endOfOffice(calendar.workingDayOnOrAfter(addLocalDays(receptionDay, countedDays)));
    case 'months':
      return endOfOffice(calendar.workingDayOnOrAfter(addLocalMonths(receptionDay, limit.value)));
    case 'hours': {
      const shifted = receptionDay !== toLocalDate(receivedAt);
      const { hour, minute } = policy.officeHours.start;
      const start = shifted ? atLocalTime(receptionDay, hour, minute) : receivedAt;
      return addWorkingMinutes(start, limit.value * 60, calendar, policy);
    }
  }
}
