/** Staff roles. Persisted on users and inside tokens: values never change. */
export enum Role {
  Admin = 'admin',
  Reception = 'reception',
  Officer = 'officer',
  Head = 'head',
  Director = 'director',
}

/** Roles whose actions are confined to their own department. */
export const DEPARTMENT_SCOPED_ROLES: readonly Role[] = [Role.Officer, Role.Head];
