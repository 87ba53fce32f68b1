import {
  atLocalMillis,
  atLocalTime,
  localMillisOfDay,
  toLocalDate,
} from '../calendar/business-time';
import { addLocalDays } from '../calendar/local-date';
import type { WorkingCalendar } from '../calendar/working-calendar';
import type { DeadlineAlertKind } from '../deadlines/deadline-alert-times';

/**
 * 1 due soon (the working day before), 2 due today (start of the due day), 3 overdue, 4 overdue
 * by N working days.
 */
export type EscalationLevel = 1 | 2 | 3 | 4;

/** The level a deadline alert raises. */
export const ESCALATION_LEVEL_OF_ALERT: Record<DeadlineAlertKind, 1 | 2 | 3> = {
  due_soon: 1,
  due_now: 2,
  overdue: 3,
};

export interface EscalationAudience {
  /** The assigned officer; the department's heads stand in when nobody is assigned. */
  assignedOfficer: boolean;
  departmentHeads: boolean;
  directors: boolean;
  supervisingOffice: boolean;
  /**
   * An apology letter is drafted at this level. Level 1: the apology must reach the applicant
   * at least one working day before the deadline (spec §2), so the draft and the warning to
   * the head and the director come the working day before, while there is still time.
   */
  draftsApology: boolean;
}

export function escalationAudience(level: EscalationLevel): EscalationAudience {
  switch (level) {
    case 1:
      return {
        assignedOfficer: true,
        departmentHeads: true,
        directors: true,
        supervisingOffice: false,
        draftsApology: true,
      };
    case 2:
      return {
        assignedOfficer: true,
        departmentHeads: true,
        directors: false,
        supervisingOffice: false,
        draftsApology: false,
      };
    case 3:
      return {
        assignedOfficer: false,
        departmentHeads: true,
        directors: true,
        supervisingOffice: false,
        // A safety net for an application that skipped level 1 (the draft is made once).
        draftsApology: true,
      };
    case 4:
      return {
        assignedOfficer: false,
        departmentHeads: false,
        directors: true,
        supervisingOffice: true,
        draftsApology: false,
      };
  }
}

/**
 * The instant an application due at `dueAt` has been overdue for `workingDays` working days:
 * the same local time of day, `workingDays` working days after the due day.
 */
export function overdueByWorkingDaysAt(
  dueAt: Date,
  workingDays: number,
  calendar: WorkingCalendar,
): Date {
  const day = calendar.addWorkingDays(toLocalDate(dueAt), workingDays);
  return atLocalMillis(day, localMillisOfDay(dueAt));
}

/**
 * A bound for the sweep's indexed query: an application due at or after this instant is not
 * overdue by `workingDays` working days at `now` (overdueByWorkingDaysAt(dueAt) <= now implies
 * dueAt < the bound). Those before it are checked one by one; the only ones that pass the
 * bound without being due are due on the last day or two it lets through (later in the day than
 * now, or a day off before it).
 */
export function overdueByWorkingDaysDueBefore(
  now: Date,
  workingDays: number,
  calendar: WorkingCalendar,
): Date {
  // Level 4 comes on addWorkingDays(due day, N), never before that day's midnight; both grow
  // with the due day, so scan back from today to the last due day whose level-4 day has begun.
  let day = toLocalDate(now);
  for (
    let i = 0;
    i < 800 && atLocalTime(calendar.addWorkingDays(day, workingDays), 0).getTime() > now.getTime();
    i += 1
  ) {
    day = addLocalDays(day, -1);
  }
  return atLocalTime(addLocalDays(day, 1), 0);
}
