import { toLocalDate, type LocalDate, type WorkingCalendar } from '../calendar';
import type { TimeLimit } from '../deadlines';
import { TransitionAction as A } from '../lifecycle';
import { K1_EVENT_OF_ACTION, K1Context, K1Event, K1Timeline } from './k1/k1-timeline';
import { K1Segment, k1Segments } from './k1/k1-segments';
import { countsAsSignedResult } from '../signatures/signed-result';

/**
 * The counters of the daily roll-ups (kpi_daily_rollups, one row per local day × department ×
 * procedure version × channel). Each says which day an application's fact is counted on.
 * The database's columns are these names; a new one needs a migration (and the monthly trigger).
 */
export const KPI_DAILY_COUNTERS = [
  'received', // reception day
  'result_early', // K1 resolved (9, or 10 without 9), by end day: early / on the day / late
  'result_on_time',
  'result_late',
  'stopped', // stop day (any reason), and withdrawn stops again below
  'withdrawn',
  'apologies', // day of the letter
  'supplement_requests', // day of the request
  'completed', // K2/K6 on the RECEPTION day: result ready, working days taken, signed
  'completed_working_days',
  'completed_signed',
  'stopped_on_time', // K1 ended clocks still standing now, by end day
  'stopped_late',
  'withdrawn_on_time',
  'withdrawn_late',
  'awaiting_supplement_on_time',
  'awaiting_supplement_late',
  'returned', // K7: return day, and returned by post
  'returned_by_post',
] as const;
export type KpiDailyCounter = (typeof KPI_DAILY_COUNTERS)[number];

/** One line of an application's history, as far as the indicators read it. */
export interface KpiHistoryEntry {
  at: Date;
  action: string;
  stopReason?: string | null;
  /** On the result_ready line: its result's signature verified (K6; signed-result.ts). */
  signatureVerified?: boolean;
  deliveryChannel?: string | null;
}

export interface KpiApplicationInput {
  receivedAt: Date;
  /** The appointment set at reception. */
  appointmentAt: Date | null;
  limit: TimeLimit;
  /** The whole history, in order. */
  history: readonly KpiHistoryEntry[];
}

export interface KpiContribution {
  day: LocalDate;
  counter: KpiDailyCounter;
  n: number;
}

/** K2/K6's view of an application: its first result, counted with its reception day. */
export interface KpiCompletion {
  /** When the result was first marked ready: a period counts it when this is before its end. */
  at: Date;
  workingDays: number;
  signed: boolean;
}

export interface KpiApplicationFacts {
  segments: K1Segment[];
  contributions: KpiContribution[];
  /** null: no result yet. Stored beside the contributions so a past period's K2/K6 is a range scan. */
  completion: KpiCompletion | null;
}

/**
 * The actions whose history line can change an application's indicators: the worker must hear
 * of each (the outbox route to the KPI consumer is checked against this list by a test).
 */
export const KPI_FACT_ACTIONS: readonly A[] = [
  A.Receive,
  ...(Object.keys(K1_EVENT_OF_ACTION) as A[]).filter((a) => K1_EVENT_OF_ACTION[a] !== null),
  A.Apologize,
];

const isAction = (value: string): value is A =>
  Object.prototype.hasOwnProperty.call(K1_EVENT_OF_ACTION, value);

/** The K1 timeline of an application from its history (K1_EVENT_OF_ACTION decides). */
export function k1TimelineOf(input: KpiApplicationInput): K1Timeline {
  const events: K1Event[] = [];
  for (const entry of input.history) {
    const kind = isAction(entry.action) ? K1_EVENT_OF_ACTION[entry.action] : null;
    if (kind !== null) {
      events.push({ at: entry.at, kind, stopReason: entry.stopReason ?? null });
    }
  }
  return {
    receivedAt: input.receivedAt,
    appointmentAt: input.appointmentAt,
    limit: input.limit,
    events,
  };
}

const K1_COUNTER: Record<string, KpiDailyCounter> = {
  'resolved:early': 'result_early',
  'resolved:on_day': 'result_on_time',
  'resolved:late': 'result_late',
  'stopped:early': 'stopped_on_time',
  'stopped:on_day': 'stopped_on_time',
  'stopped:late': 'stopped_late',
  'withdrawn:early': 'withdrawn_on_time',
  'withdrawn:on_day': 'withdrawn_on_time',
  'withdrawn:late': 'withdrawn_late',
  'awaiting_supplement:early': 'awaiting_supplement_on_time',
  'awaiting_supplement:on_day': 'awaiting_supplement_on_time',
  'awaiting_supplement:late': 'awaiting_supplement_late',
};

/**
 * Everything one application adds to the roll-ups, as a pure function of its history: the
 * worker stores it and applies only the difference when the history grows, so the roll-ups are
 * always the sum of these over all applications, whatever order events arrive in.
 */
export function kpiApplicationFacts(
  input: KpiApplicationInput,
  ctx: K1Context,
): KpiApplicationFacts {
  const calendar: WorkingCalendar = ctx.calendar;
  const segments = k1Segments(k1TimelineOf(input), ctx);
  const out = new Map<string, KpiContribution>();
  const add = (at: Date | LocalDate, counter: KpiDailyCounter, n = 1) => {
    if (n === 0) {
      return;
    }
    const day = typeof at === 'string' ? at : toLocalDate(at);
    const key = `${day}|${counter}`;
    const existing = out.get(key);
    if (existing) {
      existing.n += n;
    } else {
      out.set(key, { day, counter, n });
    }
  };

  const receptionDay = toLocalDate(input.receivedAt);
  add(receptionDay, 'received');
  const current = segments.at(-1)!;
  if (current.category !== 'open') {
    add(current.endAt!, K1_COUNTER[`${current.category}:${current.verdict}`]);
  }
  let completion: KpiCompletion | null = null;
  for (const entry of input.history) {
    if (!isAction(entry.action)) {
      continue; // a line from a newer release: nothing here counts it
    }
    switch (entry.action) {
      case A.Stop:
        add(entry.at, 'stopped');
        add(entry.at, 'withdrawn', entry.stopReason === 'withdrawn' ? 1 : 0);
        break;
      case A.Apologize:
        add(entry.at, 'apologies');
        break;
      case A.RequestSupplement:
        add(entry.at, 'supplement_requests');
        break;
      case A.MarkResultReady:
        if (completion === null) {
          completion = {
            at: entry.at,
            workingDays: calendar.workingDaysBetween(receptionDay, toLocalDate(entry.at)),
            signed: countsAsSignedResult(entry),
          };
          add(receptionDay, 'completed');
          add(receptionDay, 'completed_working_days', completion.workingDays);
          add(receptionDay, 'completed_signed', completion.signed ? 1 : 0);
        }
        break;
      case A.ReturnResult:
        add(entry.at, 'returned');
        add(entry.at, 'returned_by_post', entry.deliveryChannel === 'postal' ? 1 : 0);
        break;
      // Listed so that a new action must be considered here (switch-exhaustiveness-check).
      case A.Receive:
      case A.Refuse:
      case A.RequestCompletion:
      case A.Assign:
      case A.Start:
      case A.ReceiveSupplement:
      case A.RequirePayment:
      case A.ConfirmPayment:
      case A.RequestWithdrawal:
      case A.HandOver:
      case A.SubmitForReview:
      case A.ApproveReview:
      case A.SignResult:
      case A.SendBack:
        break;
    }
  }
  const contributions = [...out.values()].sort((a, b) =>
    a.day === b.day ? a.counter.localeCompare(b.counter) : a.day < b.day ? -1 : 1,
  );
  return { segments, contributions, completion };
}
