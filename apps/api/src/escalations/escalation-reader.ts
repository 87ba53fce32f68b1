import type { EscalationReader } from '@app/core';
import { Role } from '@app/domain';
import { AuthUser } from '../auth/auth-user';

// The supervising office monitors every department (domain spec section 1), read-only.
const SEES_ALL_ESCALATIONS: readonly Role[] = [Role.Director, Role.Admin, Role.Supervisor];

/** Whose escalations a user reads: their own as a recipient, or all of them. */
export function escalationReader(user: AuthUser): EscalationReader {
  return { id: user.id, seesAll: SEES_ALL_ESCALATIONS.includes(user.role) };
}
