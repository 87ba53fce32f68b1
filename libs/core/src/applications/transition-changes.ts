import { AppConfig } from '@app/config';
import {
  Actor,
  ApplicationStatus,
  Channel,
  computeDueAt,
  DeadlinePolicy,
  DomainError,
  pausedDueAt,
  planStop,
  StopReason,
  Role,
  TransitionAction as A,
  WorkingCalendar,
} from '@app/domain';
import { ApplicationChanges, ApplicationRecord, ApplicationTransaction } from '@app/database';
import { ApplicationView } from './application.view';
import { apologize } from './apology-changes';
import { limitOf } from './transition-limits';
import { handOver } from './hand-over-changes';
import { receiveSupplement, requestSupplement } from './supplement-changes';
import { resultReadyChanges, reviewChanges } from './review-changes';
import { receptionTime, returnResult } from './postal-changes';

/** The body of `POST /applications/{id}/{action}`; which fields apply depends on the action. */
export interface TransitionInput {
  version: number;
  note?: string;
  officerId?: string;
  items?: string[];
  reason?: string;
  reasons?: string[];
  /** The StopReason values, as literals (the API and tools send strings). */
  stopReason?: `${StopReason}`;
  newDueAt?: Date;
  responsibleDepartmentId?: string;
  deliveryChannel?: Channel;
  digitallySigned?: boolean;
  electronicResult?: boolean;
  /** require-payment: the amount to pay, in đồng. */
  amountVnd?: number;
  /** hand-over: the receiving department and that step's budget. */
  toDepartmentId?: string;
  budgetWorkingDays?: number;
  /** request-supplement after its window: a head's override, with why. */
  lateOverrideReason?: string;
  /** sign-result (or mark-result-ready without a chain): the result's number. */
  resultNumber?: string;
  /** An admin's act is a correction: why (required), and the history entry it corrects. */
  correctionReason?: string;
  correctsEntryId?: number;
  /** receive, by post: the hand-over record's signature, the legal reception time. */
  handOverSignedAt?: Date;
}

export interface TransitionContext {
  action: A;
  record: ApplicationRecord;
  input: TransitionInput;
  actor: Actor;
  now: Date;
  calendar: WorkingCalendar;
  policy: DeadlinePolicy;
  rules: AppConfig['rules'];
  postal: AppConfig['postal'];
  current: () => ApplicationView;
  /** Set by the stop's planning: the reason steps record as their ending. */
  stopReason?: StopReason;
}

export interface PlannedChanges {
  changes: ApplicationChanges;
  /** Recorded in the history row and the outbox event. */
  data: Record<string, unknown>;
  /** Set when the action moves the application to another department (hand-over). */
  holdingDepartmentId?: string;
  after?: (tx: ApplicationTransaction, updated: ApplicationRecord) => Promise<void>;
}

export async function changesFor(
  action: A,
  ctx: TransitionContext,
  tx: ApplicationTransaction,
): Promise<PlannedChanges> {
  const { record: r, input, now, actor } = ctx;
  switch (action) {
    case A.Receive: {
      const receivedAt = receptionTime(ctx);
      const dueAt = computeDueAt({
        receivedAt,
        limit: limitOf(r),
        calendar: ctx.calendar,
        policy: ctx.policy,
      });
      return {
        changes: { receivedAt, dueAt, originalDueAt: dueAt, receivedBy: actor.id },
        data: input.handOverSignedAt ? { handOverSignedAt: receivedAt.toISOString() } : {},
      };
    }
    case A.Refuse:
      return { changes: {}, data: { reasons: input.reasons ?? [] } };
    case A.RequestCompletion:
      // Guidance only: nothing is received, so no clock, appointment or K1 (spec §2).
      return { changes: {}, data: { items: input.items ?? [], reason: input.reason ?? null } };
    case A.Assign: {
      const officerId = input.officerId!;
      const officer = await tx.userInDepartment(officerId);
      // The handling officer works in the department holding the application (liên thông).
      if (
        !officer ||
        !officer.active ||
        officer.departmentId !== r.holdingDepartmentId ||
        ![Role.Officer, Role.Head].includes(officer.role as Role)
      ) {
        throw DomainError.validation(
          'officerId',
          'must be an active officer or head of the department holding the application',
        );
      }
      return {
        changes: { assignedOfficerId: officerId },
        data: { officerId, previousOfficerId: r.assignedOfficerId },
      };
    }
    case A.Start:
      // An officer who starts an unassigned application takes it.
      return {
        changes:
          !r.assignedOfficerId && actor.role === Role.Officer
            ? { assignedOfficerId: actor.id }
            : {},
        data: {},
      };
    case A.RequestSupplement:
      return requestSupplement(ctx);
    case A.ReceiveSupplement:
      return receiveSupplement(ctx, tx);
    case A.RequirePayment:
      return {
        changes: { paymentRequestedAt: now },
        data: { reason: input.reason ?? null, amountVnd: input.amountVnd },
      };
    case A.ConfirmPayment: {
      if (!ctx.rules.paymentPausesClock || !r.paymentRequestedAt || !r.dueAt) {
        return { changes: {}, data: {} };
      }
      const dueAt = pausedDueAt({
        originalDueAt: r.dueAt,
        requestedAt: r.paymentRequestedAt,
        completedAt: now,
        calendar: ctx.calendar,
        policy: ctx.policy,
      });
      return {
        changes: { dueAt },
        data: { previousDueAt: r.dueAt.toISOString(), dueAt: dueAt.toISOString() },
      };
    }
    case A.RequestWithdrawal:
      return { changes: { withdrawalRequestedAt: now }, data: { reason: input.reason } };
    case A.Stop: {
      const status = r.status as ApplicationStatus;
      let stopReason: StopReason;
      try {
        stopReason = planStop({
          status,
          stopReason: input.stopReason as StopReason | undefined,
          waitingSince:
            status === ApplicationStatus.PaymentRequired
              ? r.paymentRequestedAt
              : r.supplementRequestedAt,
          now,
          calendar: ctx.calendar,
          policy: ctx.policy,
          abandonmentWorkingDays: ctx.rules.abandonmentWorkingDays,
        });
      } catch (error) {
        throw error instanceof DomainError
          ? new DomainError(error.code, error.message, error.details, ctx.current())
          : error;
      }
      ctx.stopReason = stopReason;
      return {
        changes: { stoppedAt: now, stopReason },
        // The holding department stops (liên thông): the stop notice names it.
        data: { stopReason, reason: input.reason ?? null, departmentId: r.holdingDepartmentId },
      };
    }
    case A.MarkResultReady:
      return resultReadyChanges(ctx);
    case A.SubmitForReview:
    case A.ApproveReview:
    case A.SignResult:
    case A.SendBack:
      return reviewChanges(action, ctx);
    case A.ReturnResult:
      return returnResult(ctx, tx);
    case A.Apologize:
      return apologize(ctx, tx);
    case A.HandOver:
      return handOver(ctx, tx);
  }
}
