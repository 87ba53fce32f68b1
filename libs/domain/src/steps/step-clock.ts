import type { WorkingCalendar } from '../calendar';
import { addWorkingMinutes, workingMinutesBetween, type DeadlinePolicy } from '../deadlines';
import { K1_EVENT_OF_ACTION, type K1EventKind } from '../kpi';
import { TransitionAction as A } from '../lifecycle';

/** A wait on the applicant during which no department's clock runs; `to` null while waiting. */
export interface ClockPause {
  from: Date;
  to: Date | null;
}

const isAction = (value: string): value is A =>
  Object.prototype.hasOwnProperty.call(K1_EVENT_OF_ACTION, value);

/**
 * The applicant's waits in a history, read with K1's own event mapping so a step's clock and
 * the application's K1 clock pause on the same facts: every supplement wait, and payment waits
 * when payment pauses the clock (configuration).
 */
export function clockPauses(
  history: ReadonlyArray<{ at: Date; action: string }>,
  paymentPausesClock: boolean,
): ClockPause[] {
  const pairs: Array<[K1EventKind, K1EventKind]> = [
    ['supplement_requested', 'supplement_received'],
    ...(paymentPausesClock
      ? [['payment_required', 'payment_confirmed'] as [K1EventKind, K1EventKind]]
      : []),
  ];
  const pauses: ClockPause[] = [];
  for (const [start, end] of pairs) {
    let open: Date | null = null;
    for (const entry of [...history].sort((a, b) => a.at.getTime() - b.at.getTime())) {
      const kind = isAction(entry.action) ? K1_EVENT_OF_ACTION[entry.action] : null;
      if (kind === start && open === null) {
        open = entry.at;
      } else if (kind === end && open !== null) {
        pauses.push({ from: open, to: entry.at });
        open = null;
      }
    }
    if (open !== null) {
      pauses.push({ from: open, to: null });
    }
  }
  return pauses.sort((a, b) => a.from.getTime() - b.from.getTime());
}

/**
 * A step's due date once the applicant's waits during it are taken out: the base due date
 * pushed back by the working time of every pause between the step's start and `until` (a
 * pause still running counts up to `until`). Working time, as for the application's own pause
 * rule (pausedDueAt), so a two-day wait moves the step's date by two working days.
 */
export function stepDueInForce(input: {
  baseDueAt: Date;
  startedAt: Date;
  pauses: readonly ClockPause[];
  until: Date;
  calendar: WorkingCalendar;
  policy?: DeadlinePolicy;
}): Date {
  let minutes = 0;
  for (const p of input.pauses) {
    const from = Math.max(p.from.getTime(), input.startedAt.getTime());
    const to = Math.min((p.to ?? input.until).getTime(), input.until.getTime());
    if (to > from) {
      minutes += workingMinutesBetween(new Date(from), new Date(to), input.calendar, input.policy);
    }
  }
  return minutes === 0
    ? input.baseDueAt
    : addWorkingMinutes(input.baseDueAt, minutes, input.calendar, input.policy);
}
