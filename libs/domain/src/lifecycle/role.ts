/** Staff roles. Persisted on users and inside tokens: values never change. */
export enum Role {
  Admin = 'admin',
  Reception = 'reception',
  Officer = 'officer',
  Head = 'head',
  Director = 'director',
  /**
   * The supervising office (centre, Office of the PPC; domain spec section 1): monitors,
   * reminds and evaluates across departments, and receives level-4 escalations. Read-only.
   */
  Supervisor = 'supervisor',
}

/** Roles whose actions are confined to their own department. */
export const DEPARTMENT_SCOPED_ROLES: readonly Role[] = [Role.Officer, Role.Head];

/** Roles that see everything and change nothing (no lifecycle action, no intake). */
export const READ_ONLY_ROLES: readonly Role[] = [Role.Supervisor];
