import {
  classifyStep,
  computeDueAt,
  DomainError,
  holdingDepartment,
  responsibleDepartment,
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

/**
 * Liên thông hand-over (Mẫu 05 row): closes the open step with its outcome against its own due
 * date and opens the next one, budgeted in working days from now. The lead department
 * (applications.department_id) does not change; the open step names the holding one.
 */
export async function handOver(
  ctx: TransitionContext,
  tx: ApplicationTransaction,
): Promise<PlannedChanges> {
  const { record: r, input, now, actor } = ctx;
  const toDepartmentId = input.toDepartmentId!;
  const budgetWorkingDays = input.budgetWorkingDays!;
  const steps = await tx.steps.forApplication(r.id);
  const fromDepartmentId = holdingDepartmentOf(steps, r.departmentId);
  if (!(await tx.departmentExists(toDepartmentId))) {
    throw DomainError.validation('toDepartmentId', 'no department has this id');
  }
  if (toDepartmentId === fromDepartmentId) {
    throw DomainError.validation('toDepartmentId', 'the application is already in this department');
  }
  const open = steps.find((s) => s.completedAt === null) ?? null;
  const closed = open ? { seq: open.seq, outcome: classifyStep(now, open.dueAt) } : null;
  const seq = (steps.at(-1)?.seq ?? 0) + 1;
  const dueAt = computeDueAt({
    receivedAt: now,
    limit: { value: budgetWorkingDays, unit: 'working_days' },
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
      budgetWorkingDays,
      stepDueAt: dueAt.toISOString(),
      closedStep: closed,
    },
    after: async (t) => {
      if (closed) {
        await t.steps.close(r.id, closed.seq, now, closed.outcome);
      }
      await t.steps.open(r.id, {
        seq,
        fromDepartmentId,
        toDepartmentId,
        handedOverAt: now,
        handedOverBy: actor.id,
        budgetWorkingDays,
        dueAt,
        note: input.note ?? null,
      });
    },
  };
}
