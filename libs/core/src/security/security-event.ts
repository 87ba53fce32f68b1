/**
 * Names of the security audit log's events: stored in every row and hashed into the chain,
 * so, like queue names, they never change once released (add new ones instead).
 */
export enum SecurityEvent {
  LoginSucceeded = 'auth.login.succeeded',
  LoginFailed = 'auth.login.failed',
  /** Throttling locked an account or a client address (recordLockout). */
  Lockout = 'auth.lockout',
  Logout = 'auth.logout',
  /** A rotated refresh token came back: its whole login was revoked. */
  RefreshReused = 'auth.refresh.reused',
  PasswordChanged = 'auth.password.changed',
  PasswordChangeFailed = 'auth.password.change_failed',
  UserCreated = 'user.created',
  /** An administrator set someone else's password. */
  PasswordReset = 'user.password.reset',
  RoleChanged = 'user.role.changed',
  DepartmentChanged = 'user.department.changed',
  StatusChanged = 'user.status.changed',
  /** A workbook of /reports (personal data of applicants). */
  ReportExported = 'export.report',
  /** A PDF form of an application (names, ID numbers, phones). */
  DocumentExported = 'export.document',
  CalendarChanged = 'calendar.changed',
  EscalationPolicyChanged = 'escalation_policy.changed',
  EscalationPolicyRemoved = 'escalation_policy.removed',
  /** A procedure's required-documents list (thành phần hồ sơ) edited by an administrator. */
  ProcedureDocumentsChanged = 'procedure.documents.changed',
}

export interface SecurityActor {
  id: string;
  username: string;
}

export interface SecurityEventInput {
  event: SecurityEvent;
  /** Who did it (null: nobody logged in, e.g. a failed login, or a command). */
  actor?: SecurityActor | null;
  /** What it is about: `user:<id>`, `report:quarter.xlsx`, `account:<username>`… */
  subject?: string | null;
  /** The client address as the API resolved it. */
  address?: string | null;
  /** Facts worth keeping; never a password, token or hash. */
  details?: Record<string, unknown>;
}
