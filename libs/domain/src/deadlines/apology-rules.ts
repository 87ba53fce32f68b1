import { atLocalTime, localTimeOf, toLocalDate, type WorkingCalendar } from '../calendar';
import type { FieldProblem } from '../errors';
import { DEFAULT_DEADLINE_POLICY, type DeadlinePolicy } from './deadline-policy';
import { workingDayBefore } from './working-day-before';

/** Default bound on an apology's new date: this many working days after the date in force. */
export const DEFAULT_APOLOGY_MAX_EXTENSION_WORKING_DAYS = 60;

/**
 * The latest instant an apology about `dueAt` is timely: the same time of day one working day
 * earlier (spec §2: sent "at least 1 day before the deadline"). Due Mon 17:00 → Fri 17:00, or
 * the swapped Saturday when there is one; due the Monday after Tết → the Friday before it.
 */
export function apologyTimelyUntil(dueAt: Date, calendar: WorkingCalendar): Date {
  const { hour, minute } = localTimeOf(dueAt);
  return atLocalTime(workingDayBefore(toLocalDate(dueAt), 1, calendar), hour, minute);
}

export function isApologyTimely(issuedAt: Date, dueAt: Date, calendar: WorkingCalendar): boolean {
  return issuedAt.getTime() <= apologyTimelyUntil(dueAt, calendar).getTime();
}

/** The end of office hours of a local date: what a bare date in an apology means. */
export function endOfOfficeHours(
  day: string,
  policy: DeadlinePolicy = DEFAULT_DEADLINE_POLICY,
): Date {
  return atLocalTime(day, policy.officeHours.end.hour, policy.officeHours.end.minute);
}

const hhmm = (t: { hour: number; minute: number }) =>
  `${String(t.hour).padStart(2, '0')}:${String(t.minute).padStart(2, '0')}`;

/**
 * What is wrong with the new appointment of an apology, or null: it must be a working day, at
 * the end of office hours (the time every appointment has), later than both now and the date
 * in force, and at most `maxExtensionWorkingDays` working days after the date in force.
 */
export function apologyNewDueAtProblem(input: {
  newDueAt: Date;
  now: Date;
  currentDueAt: Date;
  maxExtensionWorkingDays: number;
  calendar: WorkingCalendar;
  policy?: DeadlinePolicy;
}): FieldProblem | null {
  const policy = input.policy ?? DEFAULT_DEADLINE_POLICY;
  const field = 'newDueAt';
  const day = toLocalDate(input.newDueAt);
  if (!input.calendar.isWorkingDay(day)) {
    return { field, reason: `${day} is not a working day (weekend, holiday or day off)` };
  }
  const end = policy.officeHours.end;
  if (input.newDueAt.getTime() !== endOfOfficeHours(day, policy).getTime()) {
    return { field, reason: `must be at the end of office hours (${hhmm(end)}, Vietnam time)` };
  }
  if (input.newDueAt.getTime() <= Math.max(input.now.getTime(), input.currentDueAt.getTime())) {
    return { field, reason: 'must be later than both now and the current appointment date' };
  }
  const latestDay = input.calendar.addWorkingDays(
    toLocalDate(input.currentDueAt),
    input.maxExtensionWorkingDays,
  );
  const latest = endOfOfficeHours(latestDay, policy);
  if (input.newDueAt.getTime() > latest.getTime()) {
    return {
      field,
      reason: `must be at most ${input.maxExtensionWorkingDays} working days after the current appointment date (at the latest ${latestDay})`,
    };
  }
  return null;
}

/**
 * The departments that held an application: the lead and every liên thông step's sender and
 * receiver. Only one of them can be at fault for its delay, so only one signs the apology.
 */
export function departmentsThatHeld(
  steps: ReadonlyArray<{ fromDepartmentId: string | null; toDepartmentId: string }>,
  leadDepartmentId: string,
): ReadonlySet<string> {
  const held = new Set([leadDepartmentId]);
  for (const step of steps) {
    held.add(step.toDepartmentId);
    if (step.fromDepartmentId) {
      held.add(step.fromDepartmentId);
    }
  }
  return held;
}
