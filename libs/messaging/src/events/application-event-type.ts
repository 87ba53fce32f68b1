/**
 * Outbox event types. Persisted in outbox_events.type and read by the worker's consumers:
 * values must never change without a migration plan for events already stored.
 */
export enum ApplicationEventType {
  Submitted = 'application.submitted',
  Received = 'application.received',
  Refused = 'application.refused',
  /** Turned away at the desk with guidance (never received). */
  CompletionRequested = 'application.completion_requested',
  Assigned = 'application.assigned',
  ProcessingStarted = 'application.processing_started',
  SupplementRequested = 'application.supplement_requested',
  SupplementReceived = 'application.supplement_received',
  PaymentRequired = 'application.payment_required',
  PaymentConfirmed = 'application.payment_confirmed',
  WithdrawalRequested = 'application.withdrawal_requested',
  Stopped = 'application.stopped',
  ResultReady = 'application.result_ready',
  ResultReturned = 'application.result_returned',
  Apologized = 'application.apologized',
  HandedOver = 'application.handed_over',
  ReviewSubmitted = 'application.review_submitted',
  ReviewApproved = 'application.review_approved',
  ResultSigned = 'application.result_signed',
  SentBack = 'application.sent_back',
}

/** What every application event carries: enough for consumers to act without a lookup. */
export interface ApplicationEventPayload {
  applicationId: string;
  code: string;
  departmentId: string;
  procedureId: string;
  procedureCode: string;
  channel: string;
  fromStatus: string | null;
  toStatus: string;
  at: string;
  actorId: string | null;
  receivedAt: string | null;
  dueAt: string | null;
  originalDueAt: string | null;
  version: number;
  /** Action-specific data (supplement items, stop reason, apology reason and new date...). */
  data: Record<string, unknown>;
}
