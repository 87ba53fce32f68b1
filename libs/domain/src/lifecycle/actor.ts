import { DomainError, DomainErrorCode } from '../errors';
import { DEPARTMENT_SCOPED_ROLES, READ_ONLY_ROLES, Role } from './role';

/** Who performs an action: recorded in history, checked against role and department. */
export interface Actor {
  id: string;
  role: Role;
  departmentId: string | null;
}

/**
 * Where an application stands between departments (liên thông): the lead department stays
 * accountable for it (applications.department_id); the holding department has it now (the
 * open step's receiver, the lead itself when no step is open; see holdingDepartment).
 */
export interface ApplicationPlace {
  leadDepartmentId: string;
  holdingDepartmentId: string;
}

/** Officers and heads act only within their own department; the other roles everywhere. */
export function canActInDepartment(actor: Actor, departmentId: string): boolean {
  return !DEPARTMENT_SCOPED_ROLES.includes(actor.role) || actor.departmentId === departmentId;
}

export function assertCanActInDepartment(actor: Actor, departmentId: string): void {
  if (!canActInDepartment(actor, departmentId)) {
    throw new DomainError(
      DomainErrorCode.Forbidden,
      'This application belongs to another department',
    );
  }
}

/** Officers and heads see what their department leads or holds; the other roles everything. */
export function canSeeApplication(actor: Actor, place: ApplicationPlace): boolean {
  return (
    canActInDepartment(actor, place.leadDepartmentId) ||
    canActInDepartment(actor, place.holdingDepartmentId)
  );
}

/**
 * Only the holding department's officers and heads act on an application. While another
 * department holds it the lead department reads but does not act, not even to pull it back:
 * the control sheet (Mẫu 05) has one holder at a time, who signs for the step and carries its
 * delay, so two departments processing the same dossier would blur who is late. The leaders
 * above the departments (director, admin: not department-scoped) may act wherever it is, which
 * is how a dossier is recalled; the holding head can also hand it back. Read-only roles never act.
 */
export function canActOnApplication(actor: Actor, place: ApplicationPlace): boolean {
  return (
    !READ_ONLY_ROLES.includes(actor.role) && canActInDepartment(actor, place.holdingDepartmentId)
  );
}

export function assertCanSeeApplication(actor: Actor, place: ApplicationPlace): void {
  if (!canSeeApplication(actor, place)) {
    throw new DomainError(
      DomainErrorCode.Forbidden,
      'This application belongs to another department',
    );
  }
}

export function assertCanActOnApplication(actor: Actor, place: ApplicationPlace): void {
  if (READ_ONLY_ROLES.includes(actor.role)) {
    throw new DomainError(DomainErrorCode.Forbidden, `role ${actor.role} is read-only`);
  }
  if (!canActOnApplication(actor, place)) {
    throw new DomainError(
      DomainErrorCode.Forbidden,
      place.holdingDepartmentId === place.leadDepartmentId
        ? 'This application belongs to another department'
        : 'Another department holds this application now (liên thông)',
    );
  }
}
