import { assertCanActInDepartment, DEPARTMENT_SCOPED_ROLES } from '@app/domain';
import { AuthUser } from './auth-user';

/** Officers and heads act only within their own department; others everywhere. */
export function assertDepartmentScope(user: AuthUser, departmentId: string): void {
  assertCanActInDepartment(user, departmentId);
}

/** The department filter a list must apply for this user (null: no restriction). */
export function departmentFilterFor(user: AuthUser): string | null {
  return DEPARTMENT_SCOPED_ROLES.includes(user.role) ? user.departmentId : null;
}
