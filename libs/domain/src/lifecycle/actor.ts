import { DomainError, DomainErrorCode } from '../errors';
import { DEPARTMENT_SCOPED_ROLES, Role } from './role';

/** Who performs an action: recorded in history, checked against role and department. */
export interface Actor {
  id: string;
  role: Role;
  departmentId: string | null;
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
