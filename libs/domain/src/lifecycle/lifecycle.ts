import { DomainError, DomainErrorCode } from '../errors';
import { ApplicationStatus as S, OPEN_STATUSES } from './application-status';
import { Role } from './role';
import { ClockEffect, TransitionAction as A } from './transition-action';

export interface TransitionRule {
  action: A;
  from: readonly S[];
  /** null: the action is an event that keeps the current status (assign, apologize). */
  to: S | null;
  roles: readonly Role[];
  clock: ClockEffect;
}

const PRE_RESULT_OPEN: readonly S[] = [
  S.Received,
  S.Processing,
  S.SupplementRequested,
  S.PaymentRequired,
];

/**
 * The one-stop-shop lifecycle (domain spec section 2). Admin may perform every action so that
 * mistakes can be corrected; every action is recorded in the history with its actor.
 */
export const LIFECYCLE: readonly TransitionRule[] = [
  {
    action: A.Receive,
    from: [S.Submitted, S.IncompleteAtDesk],
    to: S.Received,
    roles: [Role.Reception, Role.Admin],
    clock: ClockEffect.Start,
  },
  {
    action: A.Refuse,
    from: [S.Submitted, S.IncompleteAtDesk],
    to: S.NotAccepted,
    roles: [Role.Reception, Role.Admin],
    clock: ClockEffect.None,
  },
  {
    // Spec §2: "1 or counter → reception officer"; at the counter it is the intake itself. Again
    // from itself: the applicant came back and something is still missing.
    action: A.RequestCompletion,
    from: [S.Submitted, S.IncompleteAtDesk],
    to: S.IncompleteAtDesk,
    roles: [Role.Reception, Role.Admin],
    clock: ClockEffect.None,
  },
  {
    action: A.Assign,
    from: PRE_RESULT_OPEN,
    to: null,
    roles: [Role.Head, Role.Director, Role.Admin],
    clock: ClockEffect.None,
  },
  {
    action: A.Start,
    from: [S.Received],
    to: S.Processing,
    roles: [Role.Officer, Role.Head, Role.Admin],
    clock: ClockEffect.None,
  },
  {
    action: A.RequestSupplement,
    from: [S.Processing],
    to: S.SupplementRequested,
    roles: [Role.Officer, Role.Head, Role.Admin],
    clock: ClockEffect.Pause,
  },
  {
    action: A.ReceiveSupplement,
    from: [S.SupplementRequested],
    to: S.Processing,
    roles: [Role.Reception, Role.Officer, Role.Admin],
    clock: ClockEffect.Restart,
  },
  {
    action: A.RequirePayment,
    from: [S.Processing],
    to: S.PaymentRequired,
    roles: [Role.Officer, Role.Head, Role.Admin],
    clock: ClockEffect.Pause,
  },
  {
    action: A.ConfirmPayment,
    from: [S.PaymentRequired],
    to: S.Processing,
    roles: [Role.Reception, Role.Officer, Role.Admin],
    clock: ClockEffect.Resume,
  },
  {
    action: A.RequestWithdrawal,
    from: PRE_RESULT_OPEN,
    to: S.WithdrawalRequested,
    roles: [Role.Reception, Role.Admin],
    clock: ClockEffect.None,
  },
  {
    // Which reason from which status, and when an abandoned wait may end: stop-rules.ts.
    action: A.Stop,
    from: [S.Processing, S.WithdrawalRequested, S.SupplementRequested, S.PaymentRequired],
    to: S.Stopped,
    roles: [Role.Head, Role.Director, Role.Admin],
    clock: ClockEffect.Stop,
  },
  {
    action: A.MarkResultReady,
    from: [S.Processing],
    to: S.ResultReady,
    roles: [Role.Officer, Role.Head, Role.Director, Role.Admin],
    clock: ClockEffect.Stop,
  },
  // The review chain (signing/review-chain.ts decides who acts at which step).
  {
    action: A.SubmitForReview,
    from: [S.Processing],
    to: null,
    roles: [Role.Officer, Role.Head, Role.Admin],
    clock: ClockEffect.None,
  },
  {
    action: A.ApproveReview,
    from: [S.Processing],
    to: null,
    roles: [Role.Head, Role.Director, Role.Admin],
    clock: ClockEffect.None,
  },
  {
    action: A.SignResult,
    from: [S.Processing],
    to: null,
    roles: [Role.Head, Role.Director, Role.Admin],
    clock: ClockEffect.None,
  },
  {
    action: A.SendBack,
    from: [S.Processing],
    to: null,
    roles: [Role.Head, Role.Director, Role.Admin],
    clock: ClockEffect.None,
  },
  {
    action: A.ReturnResult,
    from: [S.ResultReady],
    to: S.ResultReturned,
    roles: [Role.Reception, Role.Admin],
    clock: ClockEffect.None,
  },
  {
    // Liên thông: to another department (or back) for a step with its own budget; the status
    // stays. Leaders of the holding department decide where the dossier goes next.
    action: A.HandOver,
    from: [S.Received, S.Processing],
    to: null,
    roles: [Role.Head, Role.Director, Role.Admin],
    clock: ClockEffect.None,
  },
  {
    action: A.Apologize,
    from: [...PRE_RESULT_OPEN, S.WithdrawalRequested],
    to: null,
    roles: [Role.Head, Role.Director, Role.Admin],
    clock: ClockEffect.Reschedule,
  },
];

const RULES_BY_ACTION = new Map<A, TransitionRule>(LIFECYCLE.map((rule) => [rule.action, rule]));

export function ruleFor(action: A): TransitionRule {
  const rule = RULES_BY_ACTION.get(action);
  if (!rule) {
    throw new DomainError(DomainErrorCode.Validation, `unknown action ${String(action)}`, [
      { field: 'action', reason: `must be one of ${[...RULES_BY_ACTION.keys()].join(', ')}` },
    ]);
  }
  return rule;
}

export interface PlannedTransition {
  action: A;
  from: S;
  to: S;
  clock: ClockEffect;
}

/** Checks the role first (403 is no information leak about state), then the state. */
export function planTransition(current: S, action: A, role: Role): PlannedTransition {
  const rule = ruleFor(action);
  if (!rule.roles.includes(role)) {
    throw new DomainError(DomainErrorCode.Forbidden, `role ${role} may not ${action}`);
  }
  if (!rule.from.includes(current)) {
    throw new DomainError(
      DomainErrorCode.IllegalTransition,
      `cannot ${action} an application in status ${current}`,
      [{ field: 'status', reason: `${action} is allowed only from ${rule.from.join(', ')}` }],
    );
  }
  return { action, from: current, to: rule.to ?? current, clock: rule.clock };
}

/** The actions a role may take now: the web app offers only these. */
export function availableActions(current: S, role: Role): A[] {
  return LIFECYCLE.filter((r) => r.from.includes(current) && r.roles.includes(role)).map(
    (r) => r.action,
  );
}

export function isStillOpen(status: S): boolean {
  return OPEN_STATUSES.includes(status);
}
