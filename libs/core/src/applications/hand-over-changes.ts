import {
  classifyStep,
  clockPauses,
  computeDueAt,
  configuredBudget,
  DomainError,
  holdingDepartment,
  LEAD_STEP_SEQ,
  leadStepDueAt,
  remainingWorkingDays,
  resolveStepBudget,
  responsibleDepartment,
  stepDueInForce,
} from '@app/domain';
import { ApplicationStepRecord, ApplicationTransaction } from '@app/database';
import type { PlannedChanges, TransitionContext } from './transition-changes';

/** The department holding the application now: the open step's receiver, else the lead. */
export function holdingDepartmentOf(
  steps: readonly ApplicationStepRecord[],
  leadDepartmentId: string,
): string {
  return holdingDepartment(steps, leadDepartmentId);
}

/** The department that carries a delay; see responsibleDepartment in libs/domain. */
export async function responsibleDepartmentIn(
  tx: ApplicationTransaction,
  applicationId: string,
  leadDepartmentId: string,
): Promise<string> {
  return responsibleDepartment(await tx.steps.forApplication(applicationId), leadDepartmentId);
}

/** The applicant's waits so far, this action's own history line included. */
export async function pausesIn(ctx: TransitionContext, tx: ApplicationTransaction) {
  const history = await tx.steps.historyActions(ctx.record.id);
  return clockPauses(
    [...history, { at: ctx.now, action: ctx.action }],
    ctx.rules.paymentPausesClock,
  );
}

/** The open step's due date in force at `ctx.now`, its waits taken out. */
export async function openStepDueAt(
  ctx: TransitionContext,
  tx: ApplicationTransaction,
  open: ApplicationStepRecord,
): Promise<Date> {
  return stepDueInForce({
    baseDueAt: open.baseDueAt,
    startedAt: open.handedOverAt,
    pauses: await pausesIn(ctx, tx),
    until: ctx.now,
    calendar: ctx.calendar,
    policy: ctx.policy,
  });
}

/**
 * Liên thông hand-over (Mẫu 05 row): closes the holder's step with its outcome against its due
 * date in force (the lead's own step 0 is recorded at the first hand-over) and opens the next
 * one, budgeted by the procedure's internal process within the time left.
 */
export async function handOver(
  ctx: TransitionContext,
  tx: ApplicationTransaction,
): Promise<PlannedChanges> {
  const { record: r, input, now, actor } = ctx;
  const toDepartmentId = input.toDepartmentId!;
  const steps = await tx.steps.forApplication(r.id);
  const fromDepartmentId = holdingDepartmentOf(steps, r.departmentId);
  if (!(await tx.departmentExists(toDepartmentId))) {
    throw DomainError.validation('toDepartmentId', 'no department has this id');
  }
  if (toDepartmentId === fromDepartmentId) {
    throw DomainError.validation('toDepartmentId', 'the application is already in this department');
  }
  const rules = await tx.steps.budgetsOf(r.procedureId);
  const appointment = r.dueAt ?? now;
  const budget = resolveStepBudget({
    requested: input.budgetWorkingDays ?? null,
    configured: configuredBudget(rules, toDepartmentId),
    remaining: remainingWorkingDays({
      now,
      dueAt: appointment,
      calendar: ctx.calendar,
      policy: ctx.policy,
    }),
  });
  const open = steps.find((s) => s.completedAt === null) ?? null;
  let closed: { seq: number; outcome: ReturnType<typeof classifyStep>; dueAt: string } | null =
    null;
  let leadStep: Parameters<ApplicationTransaction['steps']['insertClosed']>[1] | null = null;
  if (open) {
    const dueAt = await openStepDueAt(ctx, tx, open);
    closed = { seq: open.seq, outcome: classifyStep(now, dueAt), dueAt: dueAt.toISOString() };
  } else if (steps.length === 0 && r.receivedAt) {
    // The lead's own time from the reception to this first hand-over is a step too.
    const configured = configuredBudget(rules, r.departmentId);
    const dueAt = leadStepDueAt({
      receivedAt: r.receivedAt,
      appointmentAt: r.originalDueAt ?? appointment,
      configuredWorkingDays: configured,
      pauses: await pausesIn(ctx, tx),
      handedOverAt: now,
      calendar: ctx.calendar,
      policy: ctx.policy,
    });
    const outcome = classifyStep(now, dueAt);
    leadStep = {
      seq: LEAD_STEP_SEQ,
      fromDepartmentId: null,
      toDepartmentId: r.departmentId,
      handedOverAt: r.receivedAt,
      handedOverBy: r.receivedBy ?? actor.id,
      budgetWorkingDays:
        configured ??
        remainingWorkingDays({
          now: r.receivedAt,
          dueAt: r.originalDueAt ?? appointment,
          calendar: ctx.calendar,
          policy: ctx.policy,
        }),
      budgetSource: configured === null ? 'remaining' : 'process',
      dueAt,
      note: null,
      completedAt: now,
      outcome,
      ending: 'handed_over',
      closedBy: actor.id,
    };
    closed = { seq: LEAD_STEP_SEQ, outcome, dueAt: dueAt.toISOString() };
  }
  const seq = Math.max(0, ...steps.map((s) => s.seq)) + 1;
  const dueAt = computeDueAt({
    receivedAt: now,
    limit: { value: budget.workingDays, unit: 'working_days' },
    calendar: ctx.calendar,
    policy: ctx.policy,
  });
  return {
    changes: {},
    holdingDepartmentId: toDepartmentId,
    data: {
      seq,
      fromDepartmentId,
      toDepartmentId,
      budgetWorkingDays: budget.workingDays,
      budgetSource: budget.source,
      stepDueAt: dueAt.toISOString(),
      closedStep: closed ? { ...closed, departmentId: fromDepartmentId } : null,
    },
    after: async (t) => {
      if (leadStep) {
        await t.steps.insertClosed(r.id, leadStep);
      } else if (closed) {
        await t.steps.close(r.id, closed.seq, {
          at: now,
          outcome: closed.outcome,
          ending: 'handed_over',
          by: actor.id,
        });
      }
      await t.steps.open(r.id, {
        seq,
        fromDepartmentId,
        toDepartmentId,
        handedOverAt: now,
        handedOverBy: actor.id,
        budgetWorkingDays: budget.workingDays,
        budgetSource: budget.source,
        dueAt,
        note: input.note ?? null,
      });
    },
  };
}
