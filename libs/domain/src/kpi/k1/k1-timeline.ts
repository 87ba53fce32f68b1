import type { WorkingCalendar } from '../../calendar';
import type { DeadlinePolicy, TimeLimit } from '../../deadlines';
import { StopReason, TransitionAction as A } from '../../lifecycle';

/**
 * The facts of one application that K1 (domain spec §4) reads. Everything else in its history
 * (assignment, hand-over, apology, start of processing) leaves K1 unchanged.
 */
export type K1EventKind =
  | 'supplement_requested'
  | 'supplement_received'
  | 'payment_required'
  | 'payment_confirmed'
  | 'withdrawal_requested'
  | 'stopped'
  | 'result_ready'
  | 'result_returned';

/**
 * Which lifecycle action is which K1 fact. A Record, so that a new action cannot be added
 * without deciding here what it means for the figures (the compiler asks).
 */
export const K1_EVENT_OF_ACTION: Record<A, K1EventKind | null> = {
  [A.Receive]: null, // the reception is the timeline's start, not an event on it
  [A.Refuse]: null, // never received: outside K1
  [A.RequestCompletion]: null, // turned away at the desk, never received: outside K1
  [A.Assign]: null,
  [A.Start]: null,
  [A.RequestSupplement]: 'supplement_requested',
  [A.ReceiveSupplement]: 'supplement_received',
  [A.RequirePayment]: 'payment_required',
  [A.ConfirmPayment]: 'payment_confirmed',
  [A.RequestWithdrawal]: 'withdrawal_requested',
  [A.Stop]: 'stopped',
  [A.MarkResultReady]: 'result_ready',
  [A.ReturnResult]: 'result_returned',
  [A.Apologize]: null, // an apology's new date does not move the K1 appointment (spec §11 q3)
  // The review chain happens before the result: only "result ready" ends the clock.
  [A.SubmitForReview]: null,
  [A.ApproveReview]: null,
  [A.SignResult]: null,
  [A.SendBack]: null,
  [A.HandOver]: null, // liên thông: the application's figures stay with its lead department
};

/** The stop reason that makes a stop a withdrawal (status 8 after 7) rather than a refusal. */
export const WITHDRAWN_STOP_REASON: string = StopReason.Withdrawn;

/** A stop of an application abandoned while awaiting its supplement (see k1StandingAt). */
export const ABANDONED_SUPPLEMENT_STOP_REASON: string = StopReason.SupplementNotProvided;

export interface K1Event {
  at: Date;
  kind: K1EventKind;
  /** For 'stopped': 'withdrawn', 'rejected' (refusal after appraisal) or another reason. */
  stopReason?: string | null;
}

export interface K1Timeline {
  receivedAt: Date;
  /**
   * The appointment set at reception (Giấy tiếp nhận). Neither an apology nor a restart after a
   * supplement moves it: K1 subtracts supplement time instead (766 method).
   */
  appointmentAt: Date | null;
  /** The procedure's limit, used only when there is no appointment (spec §4). */
  limit: TimeLimit;
  /** In any order; events before the reception are read as at the reception. */
  events: readonly K1Event[];
}

/** Day granularity compares local dates in Asia/Ho_Chi_Minh (spec §4, unconfirmed). */
export type K1Granularity = 'day' | 'instant';

export interface K1Settings {
  granularity: K1Granularity;
  /** Payment waits are subtracted from the end like supplement waits (spec §11 q4). */
  paymentPausesClock: boolean;
  /** For the due date of an application without an appointment. */
  deadlinePolicy: DeadlinePolicy;
}

export interface K1Context {
  settings: K1Settings;
  calendar: WorkingCalendar;
}

/**
 * Names the rules this code implements. Frozen period figures record it with the settings, so
 * a reported quarter says which formula produced it. Change it whenever a rule here changes.
 */
export const K1_FORMULA_VERSION = 'k1-766-asof-2026.12b';
