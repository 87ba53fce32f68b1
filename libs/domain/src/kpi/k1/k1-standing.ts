import { toLocalDate } from '../../calendar';
import { computeDueAt } from '../../deadlines';
import {
  ABANDONED_SUPPLEMENT_STOP_REASON,
  K1Context,
  K1Event,
  K1Timeline,
  WITHDRAWN_STOP_REASON,
} from './k1-timeline';

/**
 * What ended an application's K1 clock: a result (9, or 10 without 9), a stop (8; 'rejected'
 * is a refusal after appraisal), a withdrawal (7, or 8 after 7), the one unanswered supplement
 * request — or nothing yet ('open').
 */
export type K1Category = 'resolved' | 'stopped' | 'withdrawn' | 'awaiting_supplement' | 'open';
export const K1_CATEGORIES: readonly K1Category[] = [
  'resolved',
  'stopped',
  'withdrawn',
  'awaiting_supplement',
  'open',
];

/** early / on the appointment day / late; an open application is on_time (not late) or late. */
export type K1Verdict = 'early' | 'on_day' | 'on_time' | 'late';

export interface K1Standing {
  category: K1Category;
  /** When the clock ended; null while open (it is then judged at the instant asked about). */
  endAt: Date | null;
  /** The instant judged: endAt, or the last instant before the one asked about. */
  judgedAt: Date;
  /** judgedAt minus completed supplement waits (and payment waits when they pause the clock). */
  adjustedEndAt: Date;
  /** The appointment compared against: the original one, or computed from the limit. */
  appointmentAt: Date;
  supplementRequests: number;
  verdict: K1Verdict;
  late: boolean;
  /**
   * Open and waiting for a payment that pauses the clock: the adjusted end no longer moves with
   * the instant judged, so neither does the verdict.
   */
  clockPaused: boolean;
}

const byTime = (a: K1Event, b: K1Event) => a.at.getTime() - b.at.getTime();

/** Events clamped to the reception and sorted; a stable sort keeps same-instant order. */
export function normalisedEvents(timeline: K1Timeline): K1Event[] {
  const start = timeline.receivedAt.getTime();
  return timeline.events
    .map((e) => (e.at.getTime() < start ? { ...e, at: timeline.receivedAt } : e))
    .sort(byTime);
}

/** The K1 appointment: the original one, or what the limit gives from the reception. */
export function k1Appointment(timeline: K1Timeline, ctx: K1Context): Date {
  return (
    timeline.appointmentAt ??
    computeDueAt({
      receivedAt: timeline.receivedAt,
      limit: timeline.limit,
      calendar: ctx.calendar,
      policy: ctx.settings.deadlinePolicy,
    })
  );
}

/** Σ (end of wait − start of wait) over waits started before `until`, each cut at `until`. */
function waitedMs(
  known: readonly K1Event[],
  startKind: K1Event['kind'],
  stopKind: K1Event['kind'],
  until: Date,
  countPending: boolean,
): number {
  let total = 0;
  let startedAt: number | null = null;
  for (const e of known) {
    if (e.kind === startKind && startedAt === null) {
      startedAt = e.at.getTime();
    } else if (e.kind === stopKind && startedAt !== null) {
      total += Math.max(0, Math.min(e.at.getTime(), until.getTime()) - startedAt);
      startedAt = null;
    }
  }
  if (startedAt !== null && countPending) {
    total += Math.max(0, until.getTime() - startedAt);
  }
  return total;
}

/**
 * K1 of one application as known at instant `asOf` (domain spec §4), i.e. from the events
 * strictly before it — a period's figure is judged at the period's end and never changes with
 * what happens later:
 * - end = result ready (9); else returned (10); else stopped (8); else withdrawal requested (7);
 *   else, when the application's only supplement request is unanswered, that request; else it
 *   is open and judged at the last instant before `asOf`;
 * - adjusted end = end − completed supplement waits (− payment waits when they pause the clock,
 *   a pending one counted up to the end; − the pending supplement wait of an application stopped
 *   because the supplement never came, so such a stop is judged at its request);
 * - late when more than one supplement was requested, or the adjusted end falls after the
 *   original appointment (its local day, by default); early when before that day.
 * The caller checks `asOf` is after the reception (before it the application does not exist).
 */
export function k1StandingAt(timeline: K1Timeline, asOf: Date, ctx: K1Context): K1Standing {
  const known = normalisedEvents(timeline).filter((e) => e.at.getTime() < asOf.getTime());
  const first = (kind: K1Event['kind']) => known.find((e) => e.kind === kind);
  const requests = known.filter((e) => e.kind === 'supplement_requested');

  let category: K1Category;
  let endAt: Date | null;
  const result = first('result_ready') ?? first('result_returned');
  const stop = first('stopped');
  const withdrawal = first('withdrawal_requested');
  if (result) {
    [category, endAt] = ['resolved', result.at];
  } else if (stop) {
    category = stop.stopReason === WITHDRAWN_STOP_REASON ? 'withdrawn' : 'stopped';
    endAt = stop.at;
  } else if (withdrawal) {
    [category, endAt] = ['withdrawn', withdrawal.at];
  } else if (
    requests.length === 1 &&
    !known.some((e) => e.kind === 'supplement_received' && e.at >= requests[0].at)
  ) {
    [category, endAt] = ['awaiting_supplement', requests[0].at];
  } else {
    [category, endAt] = ['open', null];
  }

  const judgedAt = endAt ?? new Date(asOf.getTime() - 1);
  // Stopped because the supplement never came: the clock stood still from the request on, as
  // it did while the application was awaiting it (the stop does not make the wait the agency's).
  const abandoned = category === 'stopped' && stop?.stopReason === ABANDONED_SUPPLEMENT_STOP_REASON;
  let waited = waitedMs(known, 'supplement_requested', 'supplement_received', judgedAt, abandoned);
  let clockPaused = false;
  if (ctx.settings.paymentPausesClock) {
    waited += waitedMs(known, 'payment_required', 'payment_confirmed', judgedAt, true);
    clockPaused = category === 'open' && paymentPending(known);
  }
  const adjustedEndAt = new Date(judgedAt.getTime() - waited);
  const appointmentAt = k1Appointment(timeline, ctx);
  const comparison =
    ctx.settings.granularity === 'day'
      ? compareText(toLocalDate(adjustedEndAt), toLocalDate(appointmentAt))
      : Math.sign(adjustedEndAt.getTime() - appointmentAt.getTime());
  const late = requests.length > 1 || comparison > 0;
  let verdict: K1Verdict;
  if (category === 'open') {
    verdict = late ? 'late' : 'on_time';
  } else {
    verdict = late
      ? 'late'
      : toLocalDate(adjustedEndAt) < toLocalDate(appointmentAt)
        ? 'early'
        : 'on_day';
  }
  return {
    category,
    endAt,
    judgedAt,
    adjustedEndAt,
    appointmentAt,
    supplementRequests: requests.length,
    verdict,
    late,
    clockPaused,
  };
}

function paymentPending(known: readonly K1Event[]): boolean {
  let pending = false;
  for (const e of known) {
    if (e.kind === 'payment_required') {
      pending = true;
    } else if (e.kind === 'payment_confirmed') {
      pending = false;
    }
  }
  return pending;
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Membership of the period [periodStart, asOf) (spec §4): received before its end, and still
 * open at its end or ended in it. Never-received applications have no timeline.
 */
export function isK1Member(
  timeline: K1Timeline,
  standing: K1Standing,
  periodStart: Date,
  asOf: Date,
): boolean {
  if (timeline.receivedAt.getTime() >= asOf.getTime()) {
    return false;
  }
  return standing.endAt === null || standing.endAt.getTime() >= periodStart.getTime();
}
