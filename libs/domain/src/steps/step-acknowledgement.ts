import { DomainError, DomainErrorCode } from '../errors';
import { Role, type Actor } from '../lifecycle';

/** A step as its acknowledgement needs it. */
export interface AcknowledgeableStep {
  seq: number;
  toDepartmentId: string;
  completedAt: Date | null;
  acknowledgedAt: Date | null;
}

/**
 * The receiving department takes the dossier (Mẫu 05: the receiver signs the hand-over row):
 * only its officers and heads, once, while the step is still open. Throws why not.
 */
export function assertCanAcknowledgeStep(
  actor: Actor,
  step: AcknowledgeableStep,
  current?: unknown,
): void {
  if (
    ![Role.Officer, Role.Head].includes(actor.role) ||
    actor.departmentId !== step.toDepartmentId
  ) {
    throw new DomainError(
      DomainErrorCode.Forbidden,
      `only the receiving department's officers and heads acknowledge step ${step.seq}`,
    );
  }
  if (step.acknowledgedAt !== null) {
    throw new DomainError(
      DomainErrorCode.Duplicate,
      `step ${step.seq} was already acknowledged at ${step.acknowledgedAt.toISOString()}`,
      [],
      current,
    );
  }
  if (step.completedAt !== null) {
    throw new DomainError(
      DomainErrorCode.IllegalTransition,
      `step ${step.seq} is over (closed at ${step.completedAt.toISOString()})`,
      [],
      current,
    );
  }
}
