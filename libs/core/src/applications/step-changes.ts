import {
  classifyStep,
  stepEndingOfStop,
  TransitionAction as A,
  type StepEnding,
} from '@app/domain';
import { ApplicationTransaction } from '@app/database';
import { openStepDueAt } from './hand-over-changes';
import type { TransitionContext } from './transition-changes';

/** What an action does to the open liên thông step besides the hand-over itself. */
export interface StepEffect {
  /** Added to the action's history payload and event. */
  data: Record<string, unknown>;
  after: (tx: ApplicationTransaction) => Promise<void>;
}

/** The actions that end the application's processing, and so the holder's step. */
function endingOf(ctx: TransitionContext): StepEnding | null {
  if (ctx.action === A.MarkResultReady) {
    return 'result_ready';
  }
  return ctx.action === A.Stop ? stepEndingOfStop(ctx.stopReason ?? null) : null;
}

/** An applicant's wait ends with this action (the step's clock runs again). */
function resumedWaitStart(ctx: TransitionContext): Date | null {
  const r = ctx.record;
  if (ctx.action === A.ReceiveSupplement) {
    return r.supplementRequestedAt;
  }
  if (ctx.action === A.ConfirmPayment && ctx.rules.paymentPausesClock) {
    return r.paymentRequestedAt;
  }
  return null;
}

/**
 * The open step (if any) is closed with its outcome when the application ends (result ready,
 * stopped, withdrawn, refused after appraisal), and given a later due date when an applicant's
 * wait during it ends: the wait is not the department's time (spec §2 liên thông attribution).
 */
export async function stepEffectFor(
  ctx: TransitionContext,
  tx: ApplicationTransaction,
): Promise<StepEffect | null> {
  const ending = endingOf(ctx);
  const waitStart = resumedWaitStart(ctx);
  if (!ending && !waitStart) {
    return null;
  }
  const open = (await tx.steps.forApplication(ctx.record.id)).find((s) => s.completedAt === null);
  if (!open) {
    return null;
  }
  const dueAt = await openStepDueAt(ctx, tx, open);
  const { now, actor } = ctx;
  if (ending) {
    const outcome = classifyStep(now, dueAt);
    return {
      data: {
        closedStep: {
          seq: open.seq,
          outcome,
          ending,
          dueAt: dueAt.toISOString(),
          departmentId: open.toDepartmentId,
        },
      },
      after: (t) =>
        t.steps.close(ctx.record.id, open.seq, { at: now, outcome, ending, by: actor.id }),
    };
  }
  return {
    data: { stepExtended: { seq: open.seq, dueAt: dueAt.toISOString() } },
    after: (t) =>
      t.steps.extend(ctx.record.id, open.seq, { pausedFrom: waitStart!, pausedTo: now, dueAt }),
  };
}
