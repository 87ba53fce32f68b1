import { Role } from '@app/domain';

/** The authenticated staff member, as carried in the access token. */
export interface AuthUser {
  id: string;
  username: string;
  role: Role;
  departmentId: string | null;
  /** The account's token version when the token was issued (see AccountStateCache). */
  tokenVersion: number;
}
