import { DomainError, DomainErrorCode, type FieldProblem } from '../errors';
import { Role } from '../lifecycle/role';
import { TransitionAction as A } from '../lifecycle/transition-action';

/** A step between the officer's draft and "result ready": a review, or the signature. */
export enum ReviewStage {
  Review = 'review',
  Sign = 'sign',
}

export interface ReviewStep {
  stage: ReviewStage;
  /** Who acts at this step (an admin only as a recorded correction). */
  role: Role;
}

/**
 * Spec §1: the handling officer appraises, the division head reviews, a Department leader
 * signs. The default for a procedure created without a chain of its own.
 */
export const LEGAL_REVIEW_CHAIN: readonly ReviewStep[] = [
  { stage: ReviewStage.Review, role: Role.Head },
  { stage: ReviewStage.Sign, role: Role.Director },
];

/** Roles that may hold a step of a chain. */
export const REVIEW_ROLES: readonly Role[] = [Role.Head, Role.Director];

/** Problems of a configured chain: at most three steps, leaders only, the signature last. */
export function reviewChainProblems(chain: readonly ReviewStep[], field: string): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (chain.length > 3) {
    problems.push({ field, reason: 'has at most 3 steps' });
  }
  chain.forEach((step, i) => {
    if (!Object.values(ReviewStage).includes(step.stage)) {
      problems.push({ field: `${field}[${i}].stage`, reason: 'must be review or sign' });
    }
    if (!REVIEW_ROLES.includes(step.role)) {
      problems.push({ field: `${field}[${i}].role`, reason: 'must be head or director' });
    }
    if (step.stage === ReviewStage.Sign && i !== chain.length - 1) {
      problems.push({ field: `${field}[${i}]`, reason: 'the signature is the last step' });
    }
  });
  if (chain.length > 0 && chain.at(-1)!.stage !== ReviewStage.Sign) {
    problems.push({ field, reason: 'a non-empty chain ends with a sign step' });
  }
  return problems;
}

/**
 * Where an application is in its procedure's chain: position null while the officer works on
 * it (never submitted, or sent back); k awaits chain[k]; chain.length once signed.
 */
export interface ReviewState {
  chain: readonly ReviewStep[];
  position: number | null;
}

/** The actions of the chain; every other action is unaffected by it. */
export const REVIEW_ACTIONS: readonly A[] = [
  A.SubmitForReview,
  A.ApproveReview,
  A.SignResult,
  A.SendBack,
];

/** Why `action` is not possible in this chain state for `role`, or null when it is. */
export function reviewRefusal(action: A, state: ReviewState, role: Role): string | null {
  const { chain, position } = state;
  const pending = position !== null && position < chain.length ? chain[position] : null;
  const holder = (step: ReviewStep) => role === step.role || role === Role.Admin;
  switch (action) {
    case A.SubmitForReview:
      if (chain.length === 0) {
        return 'this procedure has no review chain: mark the result ready directly';
      }
      return position === null ? null : 'already submitted for review';
    case A.ApproveReview:
    case A.SignResult: {
      const stage = action === A.ApproveReview ? ReviewStage.Review : ReviewStage.Sign;
      if (!pending || pending.stage !== stage) {
        return `no ${stage} step is pending`;
      }
      return holder(pending) ? null : `the pending ${stage} step is for role ${pending.role}`;
    }
    case A.SendBack:
      if (!pending) {
        return 'no review or signature is pending';
      }
      return holder(pending) ? null : `the pending ${pending.stage} step is for role ${pending.role}`;
    case A.MarkResultReady:
      return chain.length === 0 || position === chain.length
        ? null
        : 'the result must first go through review and signature';
    case A.Receive:
    case A.Refuse:
    case A.RequestCompletion:
    case A.Assign:
    case A.Start:
    case A.RequestSupplement:
    case A.ReceiveSupplement:
    case A.RequirePayment:
    case A.ConfirmPayment:
    case A.RequestWithdrawal:
    case A.Stop:
    case A.ReturnResult:
    case A.Apologize:
    case A.HandOver:
      return null;
  }
}

export function assertReviewAllows(action: A, state: ReviewState, role: Role): void {
  const refusal = reviewRefusal(action, state, role);
  if (refusal !== null) {
    throw new DomainError(
      DomainErrorCode.IllegalTransition,
      `cannot ${action}: ${refusal}`,
      [{ field: 'review', reason: refusal }],
    );
  }
}

/** The position after `action` (only the chain's actions move it). */
export function reviewPositionAfter(action: A, state: ReviewState): number | null {
  switch (action) {
    case A.SubmitForReview:
      return 0;
    case A.ApproveReview:
    case A.SignResult:
      return (state.position ?? 0) + 1;
    case A.SendBack:
      return null;
    case A.MarkResultReady:
    case A.Receive:
    case A.Refuse:
    case A.RequestCompletion:
    case A.Assign:
    case A.Start:
    case A.RequestSupplement:
    case A.ReceiveSupplement:
    case A.RequirePayment:
    case A.ConfirmPayment:
    case A.RequestWithdrawal:
    case A.Stop:
    case A.ReturnResult:
    case A.Apologize:
    case A.HandOver:
      return state.position;
  }
}
