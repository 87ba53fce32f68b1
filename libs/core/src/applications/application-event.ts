import { TransitionAction } from '@app/domain';
import { ApplicationRecord } from '@app/database';
import { ApplicationEventPayload, ApplicationEventType } from '@app/messaging';

export const EVENT_FOR_ACTION: Record<TransitionAction, ApplicationEventType> = {
  [TransitionAction.Receive]: ApplicationEventType.Received,
  [TransitionAction.Refuse]: ApplicationEventType.Refused,
  [TransitionAction.RequestCompletion]: ApplicationEventType.CompletionRequested,
  [TransitionAction.Assign]: ApplicationEventType.Assigned,
  [TransitionAction.Start]: ApplicationEventType.ProcessingStarted,
  [TransitionAction.RequestSupplement]: ApplicationEventType.SupplementRequested,
  [TransitionAction.ReceiveSupplement]: ApplicationEventType.SupplementReceived,
  [TransitionAction.RequirePayment]: ApplicationEventType.PaymentRequired,
  [TransitionAction.ConfirmPayment]: ApplicationEventType.PaymentConfirmed,
  [TransitionAction.RequestWithdrawal]: ApplicationEventType.WithdrawalRequested,
  [TransitionAction.Stop]: ApplicationEventType.Stopped,
  [TransitionAction.MarkResultReady]: ApplicationEventType.ResultReady,
  [TransitionAction.ReturnResult]: ApplicationEventType.ResultReturned,
  [TransitionAction.Apologize]: ApplicationEventType.Apologized,
  [TransitionAction.HandOver]: ApplicationEventType.HandedOver,
  [TransitionAction.SubmitForReview]: ApplicationEventType.ReviewSubmitted,
  [TransitionAction.ApproveReview]: ApplicationEventType.ReviewApproved,
  [TransitionAction.SignResult]: ApplicationEventType.ResultSigned,
  [TransitionAction.SendBack]: ApplicationEventType.SentBack,
};

const iso = (d: Date | null): string | null => (d ? new Date(d).toISOString() : null);

/** The outbox payload: the application's state after the change, plus the action's own data. */
export function eventPayload(
  r: ApplicationRecord,
  change: {
    fromStatus: string | null;
    at: Date;
    actorId: string | null;
    data: Record<string, unknown>;
  },
): ApplicationEventPayload {
  return {
    applicationId: r.id,
    code: r.code,
    departmentId: r.departmentId,
    procedureId: r.procedureId,
    procedureCode: r.procedureCode,
    channel: r.channel,
    fromStatus: change.fromStatus,
    toStatus: r.status,
    at: change.at.toISOString(),
    actorId: change.actorId,
    receivedAt: iso(r.receivedAt),
    dueAt: iso(r.dueAt),
    originalDueAt: iso(r.originalDueAt),
    version: r.version,
    data: change.data,
  };
}
