import { DomainError, DomainErrorCode } from '../errors';
import { Role } from '../lifecycle/role';

/** In what capacity a letter was signed: as the agency's head, or for the head by delegation. */
export type SignerCapacity = 'head_of_agency' | 'delegate' | 'correction';

/**
 * Who signs the apology (Mẫu 04: "the head of the agency that caused the delay", spec §2):
 * the agency's head by default, and the roles the agency has delegated it to, recorded as such.
 */
export interface ApologySigningPolicy {
  headRoles: readonly Role[];
  delegateRoles: readonly Role[];
}

export const DEFAULT_APOLOGY_SIGNING: ApologySigningPolicy = {
  headRoles: [Role.Director],
  delegateRoles: [Role.Head],
};

/** The capacity `role` signs an apology in; an admin only records a correction. */
export function apologySignerCapacity(role: Role, policy: ApologySigningPolicy): SignerCapacity {
  if (policy.headRoles.includes(role)) {
    return 'head_of_agency';
  }
  if (policy.delegateRoles.includes(role)) {
    return 'delegate';
  }
  if (role === Role.Admin) {
    return 'correction';
  }
  throw new DomainError(
    DomainErrorCode.Forbidden,
    `role ${role} may not sign an apology (signers: ${[...policy.headRoles, ...policy.delegateRoles].join(', ')})`,
  );
}
