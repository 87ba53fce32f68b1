import { toLocalDate, type WorkingCalendar } from '../calendar';
import {
  DEFAULT_DEADLINE_POLICY,
  computeDueAt,
  type DeadlinePolicy,
  type TimeLimit,
} from '../deadlines';

export type OnTimeOutcome = 'early' | 'on_time' | 'late';

/** 'day': compare local dates in Asia/Ho_Chi_Minh (spec K1 split, unconfirmed); 'instant': exact times. */
export type OnTimeGranularity = 'day' | 'instant';

export interface SupplementInterval {
  requestedAt: Date;
  completedAt: Date | null;
}

export interface ClassifyOnTimeInput {
  receivedAt: Date;
  /** The ORIGINAL appointment: a letter of apology does not move it for the KPI. */
  dueAt: Date | null;
  resultReadyAt?: Date | null;
  returnedAt?: Date | null;
  stoppedAt?: Date | null;
  withdrawalRequestedAt?: Date | null;
  supplements: readonly SupplementInterval[];
  limit: TimeLimit;
  calendar: WorkingCalendar;
  policy?: DeadlinePolicy;
  now: Date;
  granularity?: OnTimeGranularity;
}

export interface OnTimeClassification {
  outcome: OnTimeOutcome;
  /** No closing event yet (result ready, returned, stopped, withdrawal requested). */
  open: boolean;
  /** The K1 end time: a closing event, the one unanswered supplement request, or `now`. */
  endAt: Date;
  /** endAt minus the time spent waiting for completed supplements. */
  endAdjustedAt: Date;
  /** endAdjustedAt falls after the appointment (at the chosen granularity). */
  overdue: boolean;
  /** The appointment compared against: dueAt, or computed from receivedAt when absent. */
  effectiveDueAt: Date;
}

function closingEvent(input: ClassifyOnTimeInput): Date | null {
  // K1 order: status 9, else 10, else 8 (stopped or refused), else 7.
  return (
    input.resultReadyAt ??
    input.returnedAt ??
    input.stoppedAt ??
    input.withdrawalRequestedAt ??
    null
  );
}

function kpiEnd(input: ClassifyOnTimeInput): Date {
  const unanswered = input.supplements.filter((s) => s.completedAt === null);
  return closingEvent(input) ?? (unanswered.length === 1 ? unanswered[0].requestedAt : input.now);
}

/**
 * Σ(completed − requested) over completed supplements, counting only the part before `end` so
 * that a supplement completed after the KPI end cannot push end_adj before the request.
 */
function supplementWaitMs(supplements: readonly SupplementInterval[], end: Date): number {
  let total = 0;
  for (const { requestedAt, completedAt } of supplements) {
    if (completedAt === null) {
      continue;
    }
    const stop = Math.min(completedAt.getTime(), end.getTime());
    total += Math.max(0, stop - requestedAt.getTime());
  }
  return total;
}

/**
 * K1 classification (domain spec section 4, QĐ 766): early / on time / late against the
 * original appointment, after subtracting supplement waits; more than one supplement request
 * is late whatever the dates. An open dossier within its deadline is 'on_time', never 'early'
 * (it has not finished), and 'late' once overdue.
 */
export function classifyOnTime(input: ClassifyOnTimeInput): OnTimeClassification {
  const granularity = input.granularity ?? 'day';
  const open = closingEvent(input) === null;
  const endAt = kpiEnd(input);
  const endAdjustedAt = new Date(endAt.getTime() - supplementWaitMs(input.supplements, endAt));
  // No appointment: on time iff end − reception − supplement time ≤ the limit, i.e. end_adj
  // is not after the due date the limit gives from the reception.
  const effectiveDueAt =
    input.dueAt ??
    computeDueAt({
      receivedAt: input.receivedAt,
      limit: input.limit,
      calendar: input.calendar,
      policy: input.policy ?? DEFAULT_DEADLINE_POLICY,
    });
  const endDay = toLocalDate(endAdjustedAt);
  const dueDay = toLocalDate(effectiveDueAt);
  const overdue =
    granularity === 'day' ? endDay > dueDay : endAdjustedAt.getTime() > effectiveDueAt.getTime();

  let outcome: OnTimeOutcome;
  if (overdue || input.supplements.length > 1) {
    outcome = 'late';
  } else if (!open && endDay < dueDay) {
    outcome = 'early';
  } else {
    outcome = 'on_time';
  }
  return { outcome, open, endAt, endAdjustedAt, overdue, effectiveDueAt };
}
