import { DEPARTMENT_SCOPED_ROLES, DomainError, DomainErrorCode } from '@app/domain';
import { AuthUser } from './auth-user';

/** Officers and heads act only within their own department; others everywhere. */
export function assertDepartmentScope(user: AuthUser, departmentId: string): void {
  if (DEPARTMENT_SCOPED_ROLES.includes(user.role) && user.departmentId !== departmentId) {
    throw new DomainError(
      DomainErrorCode.Forbidden,
      'This application belongs to another department',
    );
  }
}

/** The department filter a list must apply for this user (null: no restriction). */
export function departmentFilterFor(user: AuthUser): string | null {
  return DEPARTMENT_SCOPED_ROLES.includes(user.role) ? user.departmentId : null;
}
