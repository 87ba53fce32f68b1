import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@app/config';
import { Clock, PasswordHasher, SecurityAuditService, SecurityEvent } from '@app/core';
import {
  DbTransaction,
  DepartmentRepository,
  RefreshTokenRepository,
  TransactionRunner,
  UserChanges,
  UserFilter,
  UserRecord,
  UserRepository,
} from '@app/database';
import {
  DEPARTMENT_SCOPED_ROLES,
  DomainError,
  DomainErrorCode,
  FieldProblem,
  newPasswordProblems,
  Role,
} from '@app/domain';
import { AccountStateCache } from '../auth/account-state.cache';
import { AuthUser } from '../auth/auth-user';
import { departmentFilterFor } from '../auth/department-scope';
import { CreateUserDto } from './dto/create-user.dto';
import { UpdateUserDto } from './dto/update-user.dto';

/** Staff accounts, managed by the administrator. */
@Injectable()
export class UsersService {
  constructor(
    @Inject(UserRepository) private readonly users: UserRepository,
    @Inject(DepartmentRepository) private readonly departments: DepartmentRepository,
    @Inject(PasswordHasher) private readonly hasher: PasswordHasher,
    @Inject(TransactionRunner) private readonly transactions: TransactionRunner,
    @Inject(RefreshTokenRepository) private readonly refreshTokens: RefreshTokenRepository,
    @Inject(SecurityAuditService) private readonly audit: SecurityAuditService,
    @Inject(AccountStateCache) private readonly accounts: AccountStateCache,
    @Inject(Clock) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Heads see their own department only (to pick an officer to assign). */
  async list(actor: AuthUser, filter: UserFilter): Promise<UserRecord[]> {
    const scope = departmentFilterFor(actor);
    if (scope !== null && filter.departmentId !== undefined && filter.departmentId !== scope) {
      throw new DomainError(
        DomainErrorCode.Forbidden,
        'Chỉ được xem danh sách cán bộ của phòng mình',
      );
    }
    return this.users.list({ ...filter, departmentId: scope ?? filter.departmentId });
  }

  async create(actor: AuthUser, input: CreateUserDto, address: string | null): Promise<UserRecord> {
    this.assertPasswordFits('password', input.password, input.username);
    const departmentId = input.departmentId ?? null;
    await this.assertDepartmentFits(input.role, departmentId);
    const passwordHash = await this.hasher.hash(input.password);
    return this.transactions.run(async (tx) => {
      const created = await this.users.create(
        {
          username: input.username,
          passwordHash,
          fullName: input.fullName,
          email: input.email ?? null,
          role: input.role,
          departmentId,
        },
        tx,
      );
      await this.audit.record(
        {
          event: SecurityEvent.UserCreated,
          actor,
          subject: `user:${created.id}`,
          address,
          details: { username: created.username, role: created.role, departmentId },
        },
        tx,
      );
      return created;
    });
  }

  /**
   * A change of password, role, department or status ends every session of the account
   * (token version bumped, refresh tokens revoked) and is audited, in one transaction.
   */
  async update(
    actor: AuthUser,
    id: string,
    input: UpdateUserDto,
    address: string | null,
  ): Promise<UserRecord> {
    const { password, ...fields } = input;
    if (Object.values(input).every((value) => value === undefined)) {
      throw DomainError.validation('body', 'must contain at least one field to change');
    }
    const existing = await this.users.findById(id);
    if (!existing) {
      throw new DomainError(DomainErrorCode.NotFound, `Không tìm thấy người dùng ${id}`);
    }
    this.assertNotLockingOut(actor, id, input);
    if (password !== undefined) {
      this.assertPasswordFits('password', password, existing.username);
    }
    const role = input.role ?? existing.role;
    const departmentId =
      input.departmentId === undefined ? existing.departmentId : input.departmentId;
    await this.assertDepartmentFits(role, departmentId);
    const changes: UserChanges = {
      ...fields,
      passwordHash: password === undefined ? undefined : await this.hasher.hash(password),
    };
    const updated = await this.transactions.run(async (tx) => {
      const after = await this.users.update(id, changes, tx);
      if (!after) {
        throw new DomainError(DomainErrorCode.NotFound, `Không tìm thấy người dùng ${id}`);
      }
      await this.auditChanges(actor, existing, after, password !== undefined, address, tx);
      return after;
    });
    this.accounts.forget(id);
    return updated;
  }

  private async auditChanges(
    actor: AuthUser,
    before: UserRecord,
    after: UserRecord,
    passwordSet: boolean,
    address: string | null,
    tx: DbTransaction,
  ): Promise<void> {
    const events: Array<[SecurityEvent, Record<string, unknown>]> = [];
    if (passwordSet) {
      events.push([SecurityEvent.PasswordReset, {}]);
    }
    if (before.role !== after.role) {
      events.push([SecurityEvent.RoleChanged, { from: before.role, to: after.role }]);
    }
    if (before.departmentId !== after.departmentId) {
      events.push([
        SecurityEvent.DepartmentChanged,
        { from: before.departmentId, to: after.departmentId },
      ]);
    }
    if (before.active !== after.active) {
      events.push([SecurityEvent.StatusChanged, { from: before.active, to: after.active }]);
    }
    if (events.length === 0) {
      return;
    }
    await this.refreshTokens.revokeUser(after.id, this.clock.now(), tx);
    for (const [event, details] of events) {
      await this.audit.record({ event, actor, subject: `user:${after.id}`, address, details }, tx);
    }
  }

  /** The password policy (libs/domain), as a 400 naming the field. */
  private assertPasswordFits(field: string, password: string, username: string): void {
    const reasons = newPasswordProblems(
      password,
      { minLength: this.config.auth.passwordMinLength },
      { username },
    );
    if (reasons.length > 0) {
      throw new DomainError(
        DomainErrorCode.Validation,
        'Mật khẩu chưa đạt yêu cầu',
        reasons.map((reason) => ({ field, reason })),
      );
    }
  }

  /** Officers and heads belong to a department; any department given must exist. */
  private async assertDepartmentFits(role: Role, departmentId: string | null): Promise<void> {
    if (departmentId === null) {
      if (DEPARTMENT_SCOPED_ROLES.includes(role)) {
        throw new DomainError(
          DomainErrorCode.Validation,
          'Chuyên viên và trưởng phòng phải thuộc một phòng ban',
          [{ field: 'departmentId', reason: `is required for role ${role}` }],
        );
      }
      return;
    }
    if (!(await this.departments.exists(departmentId))) {
      throw new DomainError(DomainErrorCode.Validation, 'Phòng ban không tồn tại', [
        { field: 'departmentId', reason: 'does not match any department' },
      ]);
    }
  }

  /** An administrator cannot demote or deactivate their own account (no lock-out). */
  private assertNotLockingOut(actor: AuthUser, id: string, input: UpdateUserDto): void {
    if (actor.id !== id) {
      return;
    }
    const problems: FieldProblem[] = [];
    if (input.role !== undefined && input.role !== actor.role) {
      problems.push({ field: 'role', reason: 'cannot be changed on your own account' });
    }
    if (input.active === false) {
      problems.push({ field: 'active', reason: 'cannot be turned off on your own account' });
    }
    if (problems.length > 0) {
      throw new DomainError(
        DomainErrorCode.Validation,
        'Không thể tự hạ quyền hoặc khóa tài khoản của chính mình',
        problems,
      );
    }
  }
}
