import type { WorkingCalendar } from '../calendar';
import { computeDueAt, type DeadlinePolicy } from '../deadlines';
import { stepDueInForce, type ClockPause } from './step-clock';

/**
 * The seq of the lead department's own step from the reception to the first hand-over: before
 * every hand-over step (which start at 1), so the sheet's step numbers stay those of the
 * hand-overs.
 */
export const LEAD_STEP_SEQ = 0;

/**
 * The due date of the lead department's own time before its first hand-over: its internal
 * process budget counted from the reception, never beyond the appointment set at reception;
 * without a budget, that appointment. Pauses before the hand-over are taken out like any
 * step's.
 */
export function leadStepDueAt(input: {
  receivedAt: Date;
  appointmentAt: Date;
  configuredWorkingDays: number | null;
  pauses: readonly ClockPause[];
  handedOverAt: Date;
  calendar: WorkingCalendar;
  policy?: DeadlinePolicy;
}): Date {
  const budgeted =
    input.configuredWorkingDays === null
      ? input.appointmentAt
      : computeDueAt({
          receivedAt: input.receivedAt,
          limit: { value: input.configuredWorkingDays, unit: 'working_days' },
          calendar: input.calendar,
          policy: input.policy,
        });
  const base = budgeted.getTime() <= input.appointmentAt.getTime() ? budgeted : input.appointmentAt;
  return stepDueInForce({
    baseDueAt: base,
    startedAt: input.receivedAt,
    pauses: input.pauses,
    until: input.handedOverAt,
    calendar: input.calendar,
    policy: input.policy,
  });
}
