import type { WorkingCalendar } from '../calendar';
import { computeDueAt, type DeadlinePolicy } from '../deadlines';
import { DomainError } from '../errors';

/** The most a step may be given, whatever the process says (the former free range's top). */
export const MAX_STEP_BUDGET_WORKING_DAYS = 365;

/**
 * One step of a procedure's internal process (quy trình nội bộ): how many working days the
 * department doing it has. Persisted in procedure_step_budgets; a department without a row
 * has the time left on the application (nothing narrower is published for it).
 */
export interface StepBudgetRule {
  departmentId: string;
  workingDays: number;
}

/** Where a step's budget came from, recorded with the step. */
export type StepBudgetSource = 'requested' | 'process' | 'remaining';

export interface StepBudget {
  workingDays: number;
  source: StepBudgetSource;
}

/**
 * Working days left before `dueAt` for work handed over at `now`: the largest n whose due date,
 * counted from `now` exactly as a reception is (cut-off, day 0), is not after `dueAt`. Zero when
 * even a same-day budget would end after it (the application is already late).
 */
export function remainingWorkingDays(input: {
  now: Date;
  dueAt: Date;
  calendar: WorkingCalendar;
  policy?: DeadlinePolicy;
}): number {
  const dueOf = (n: number) =>
    computeDueAt({
      receivedAt: input.now,
      limit: { value: n, unit: 'working_days' },
      calendar: input.calendar,
      policy: input.policy,
    }).getTime();
  let n = 0;
  while (n < MAX_STEP_BUDGET_WORKING_DAYS && dueOf(n + 1) <= input.dueAt.getTime()) {
    n += 1;
  }
  return n;
}

/**
 * A step's budget: the one the sender asks for, if it fits both the internal process and the
 * time left; else the process's budget cut to the time left; else the time left. A request
 * beyond either bound is refused, naming the field, rather than silently shortened.
 */
export function resolveStepBudget(input: {
  requested: number | null;
  configured: number | null;
  remaining: number;
}): StepBudget {
  const { requested, configured, remaining } = input;
  if (requested !== null) {
    if (requested > remaining) {
      throw DomainError.validation(
        'budgetWorkingDays',
        `is ${requested} working day(s), more than the ${remaining} left before the appointment in force`,
      );
    }
    if (configured !== null && requested > configured) {
      throw DomainError.validation(
        'budgetWorkingDays',
        `is ${requested} working day(s), more than the ${configured} the procedure's internal process gives this step`,
      );
    }
    return { workingDays: requested, source: 'requested' };
  }
  if (configured !== null && configured <= remaining) {
    return { workingDays: configured, source: 'process' };
  }
  return { workingDays: remaining, source: 'remaining' };
}

/** The internal process's budget for the department, or null when the process has none. */
export function configuredBudget(
  rules: readonly StepBudgetRule[],
  departmentId: string,
): number | null {
  return rules.find((r) => r.departmentId === departmentId)?.workingDays ?? null;
}
