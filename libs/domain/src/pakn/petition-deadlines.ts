import { atLocalTime, toLocalDate } from '../calendar';
import type { WorkingCalendar } from '../calendar/working-calendar';
import type { DeadlinePolicy } from '../deadlines';

/**
 * Working days allowed for each PAKN step (spec §4 K9 and §8; "unconfirmed", so they live in a
 * versioned rule table whose first version holds these defaults).
 */
export interface PetitionRules {
  /** Refuse (not accepted) within N working days of receipt. */
  refuseDays: number;
  /** Ask for clarification within N working days of receipt. */
  clarifyDays: number;
  /** Forward a petition outside competence within N working days of receipt. */
  forwardDays: number;
  /** Answer within N working days of receipt. */
  answerDays: number;
  /** Publish within N working days after the answer. */
  publishDays: number;
}

export const DEFAULT_PETITION_RULES: PetitionRules = Object.freeze({
  refuseDays: 2,
  clarifyDays: 5,
  forwardDays: 5,
  answerDays: 15,
  publishDays: 2,
});

export interface PetitionDeadlines {
  refuseDueAt: Date;
  clarifyDueAt: Date;
  forwardDueAt: Date;
  answerDueAt: Date;
}

/**
 * The end of office hours of the N-th working day after `from`'s day (a receipt on a day off
 * counts from the next working day): the same day-0 convention as applications' deadlines.
 */
export function workingDaysAfter(
  from: Date,
  days: number,
  calendar: WorkingCalendar,
  policy: Pick<DeadlinePolicy, 'officeHours'>,
): Date {
  const start = calendar.workingDayOnOrAfter(toLocalDate(from));
  const { hour, minute } = policy.officeHours.end;
  return atLocalTime(calendar.addWorkingDays(start, days), hour, minute);
}

export function petitionDeadlines(
  receivedAt: Date,
  rules: PetitionRules,
  calendar: WorkingCalendar,
  policy: Pick<DeadlinePolicy, 'officeHours'>,
): PetitionDeadlines {
  const after = (days: number) => workingDaysAfter(receivedAt, days, calendar, policy);
  return {
    refuseDueAt: after(rules.refuseDays),
    clarifyDueAt: after(rules.clarifyDays),
    forwardDueAt: after(rules.forwardDays),
    answerDueAt: after(rules.answerDays),
  };
}
