import {
  apologyNewDueAtProblem,
  apologySignerCapacity,
  Role,
  apologyTimelyUntil,
  DomainError,
  departmentsThatHeld,
  responsibleDepartment,
} from '@app/domain';
import { ApplicationTransaction } from '@app/database';
import type { PlannedChanges, TransitionContext } from './transition-changes';
import { limitReached } from './transition-limits';

/**
 * Letter of apology and new appointment (Mẫu 04): a bounded new date on a working day at the
 * end of office hours, signed for a department that held the application, recorded as timely
 * or not (sent at least one working day before the date it is about).
 */
export async function apologize(
  ctx: TransitionContext,
  tx: ApplicationTransaction,
): Promise<PlannedChanges> {
  const { record: r, input, now, actor } = ctx;
  if (r.apologyCount >= ctx.rules.maxApologies) {
    throw limitReached(ctx, 'An apology with a new appointment date', ctx.rules.maxApologies);
  }
  const newDueAt = input.newDueAt!;
  const previousDueAt = r.dueAt ?? now;
  const problem = apologyNewDueAtProblem({
    newDueAt,
    now,
    currentDueAt: previousDueAt,
    maxExtensionWorkingDays: ctx.rules.apologyMaxExtensionWorkingDays,
    calendar: ctx.calendar,
    policy: ctx.policy,
  });
  if (problem) {
    throw DomainError.validation(problem.field, problem.reason);
  }
  const steps = await tx.steps.forApplication(r.id);
  // Liên thông: by default the department whose step overran carries the delay.
  const responsibleDepartmentId =
    input.responsibleDepartmentId ?? responsibleDepartment(steps, r.departmentId);
  if (!departmentsThatHeld(steps, r.departmentId).has(responsibleDepartmentId)) {
    throw DomainError.validation(
      'responsibleDepartmentId',
      'must be a department that held the application (the lead or a liên thông step’s receiver)',
    );
  }
  // Signed by the agency's head, or by a delegate recorded as such (configuration).
  const signing = ctx.rules.apologySigning;
  const signerCapacity = apologySignerCapacity(actor.role, {
    headRoles: signing.headRoles as Role[],
    delegateRoles: signing.delegateRoles as Role[],
  });
  const timelyUntil = apologyTimelyUntil(previousDueAt, ctx.calendar);
  const timely = now.getTime() <= timelyUntil.getTime();
  const data = {
    reason: input.reason,
    previousDueAt: previousDueAt.toISOString(),
    newDueAt: newDueAt.toISOString(),
    responsibleDepartmentId,
    timely,
    timelyUntil: timelyUntil.toISOString(),
    signer: { id: actor.id, role: actor.role, capacity: signerCapacity },
  };
  return {
    // The original appointment stays in originalDueAt: the KPI is measured against it.
    changes: { dueAt: newDueAt, apologyCount: r.apologyCount + 1 },
    data,
    after: async (t) => {
      await t.insertApology({
        applicationId: r.id,
        reason: input.reason!,
        previousDueAt,
        newDueAt,
        responsibleDepartmentId,
        issuedBy: actor.id,
        issuedAt: now,
        timely,
        signerCapacity,
      });
    },
  };
}
