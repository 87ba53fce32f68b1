import {
  assertReviewAllows,
  DomainError,
  ReviewState,
  reviewPositionAfter,
  ReviewStep,
  TransitionAction as A,
} from '@app/domain';
import type { ApplicationRecord } from '@app/database';
import type { PlannedChanges, TransitionContext } from './transition-changes';

export function reviewStateOf(r: ApplicationRecord): ReviewState {
  return { chain: r.reviewChain as ReviewStep[], position: r.reviewPosition };
}

function checked(ctx: TransitionContext, action: A): ReviewState {
  const state = reviewStateOf(ctx.record);
  try {
    assertReviewAllows(action, state, ctx.actor.role);
  } catch (error) {
    throw error instanceof DomainError
      ? new DomainError(error.code, error.message, error.details, ctx.current())
      : error;
  }
  return state;
}

/**
 * The review chain before "result ready" (issue 10 item 6): submit, approve, sign (result
 * number and signer stored), or send back to the officer with a reason.
 */
export function reviewChanges(
  action: A.SubmitForReview | A.ApproveReview | A.SignResult | A.SendBack,
  ctx: TransitionContext,
): PlannedChanges {
  const { input, actor, now } = ctx;
  const state = checked(ctx, action);
  const reviewPosition = reviewPositionAfter(action, state);
  const step = state.position !== null ? state.chain[state.position] : undefined;
  switch (action) {
    case A.SubmitForReview:
      return { changes: { reviewPosition }, data: { nextStep: state.chain[0] } };
    case A.ApproveReview:
      return {
        changes: { reviewPosition },
        data: { step: step ?? null, nextStep: state.chain[reviewPosition ?? 0] ?? null },
      };
    case A.SignResult: {
      const resultNumber = input.resultNumber!;
      const digitallySigned = input.digitallySigned ?? false;
      return {
        changes: {
          reviewPosition,
          resultNumber,
          resultSignedBy: actor.id,
          resultSignedAt: now,
          resultDigitallySigned: digitallySigned,
        },
        data: { step: step ?? null, resultNumber, signerId: actor.id, digitallySigned },
      };
    }
    case A.SendBack:
      // Back to the officer: the next submission starts the chain again.
      return {
        changes: { reviewPosition },
        data: {
          step: step ?? null,
          reason: input.reason!,
          officerId: ctx.record.assignedOfficerId,
        },
      };
  }
}

/**
 * "Result ready" only after the chain (or directly when the procedure has none, and then the
 * one who marks it is recorded as the signer). K6 reads digitallySigned from this line.
 */
export function resultReadyChanges(ctx: TransitionContext): PlannedChanges {
  const { record: r, input, actor, now } = ctx;
  const state = checked(ctx, A.MarkResultReady);
  const signed = state.chain.length > 0;
  const resultNumber = signed ? r.resultNumber : (input.resultNumber ?? null);
  const signerId = signed ? r.resultSignedBy : actor.id;
  const digitallySigned = signed ? r.resultDigitallySigned : (input.digitallySigned ?? false);
  return {
    changes: {
      resultReadyAt: now,
      ...(signed
        ? {}
        : {
            resultNumber,
            resultSignedBy: signerId,
            resultSignedAt: now,
            resultDigitallySigned: digitallySigned,
          }),
    },
    data: {
      digitallySigned,
      electronicResult: input.electronicResult ?? false,
      resultNumber,
      signerId,
    },
  };
}
