import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@app/config';
import { Clock, PasswordHasher, SecurityAuditService, SecurityEvent } from '@app/core';
import {
  RefreshTokenRepository,
  TransactionRunner,
  UserRecord,
  UserRepository,
} from '@app/database';
import { DomainError, DomainErrorCode, FieldProblem, newPasswordProblems } from '@app/domain';
import { AccountStateCache } from './account-state.cache';
import { AuthUser } from './auth-user';
import { LoginThrottle } from './login-throttle';
import { IssuedSession, SessionService } from './session.service';

const INVALID_CREDENTIALS = 'Tên đăng nhập hoặc mật khẩu không đúng';

/** Who is asking, for the audit log. */
export interface ClientInfo {
  address: string | null;
}

/** Login, the caller's own account, and changing one's own password. */
@Injectable()
export class AuthService {
  constructor(
    @Inject(UserRepository) private readonly users: UserRepository,
    @Inject(PasswordHasher) private readonly hasher: PasswordHasher,
    @Inject(SessionService) private readonly sessions: SessionService,
    @Inject(SecurityAuditService) private readonly audit: SecurityAuditService,
    @Inject(TransactionRunner) private readonly transactions: TransactionRunner,
    @Inject(RefreshTokenRepository) private readonly refreshTokens: RefreshTokenRepository,
    @Inject(AccountStateCache) private readonly accounts: AccountStateCache,
    @Inject(Clock) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(LoginThrottle) private readonly throttle: LoginThrottle,
  ) {}

  /** One message for an unknown username and a wrong password alike. */
  async login(username: string, password: string, client: ClientInfo): Promise<IssuedSession> {
    // Usernames are created lower-case (users.service), so the look-up is case-insensitive.
    const name = username.trim().toLowerCase();
    // Refused while the account or the address is locked, before any password is checked.
    await this.throttle.begin(name, client.address);
    const found = await this.users.findCredentials({ username: name });
    if (!found) {
      await this.hasher.verifyNothing(password);
      await this.failed(name, null, 'unknown username', client);
      throw new DomainError(DomainErrorCode.Unauthenticated, INVALID_CREDENTIALS);
    }
    const { user, passwordHash } = found;
    const check = await this.hasher.verify(passwordHash, password);
    if (!check.ok) {
      await this.failed(name, user, 'wrong password', client);
      throw new DomainError(DomainErrorCode.Unauthenticated, INVALID_CREDENTIALS);
    }
    // The password is right: whatever follows, it was no guess.
    await this.throttle.succeeded(name, client.address);
    if (!user.active) {
      await this.failed(name, user, 'account deactivated', client);
      // Told only to someone who knows the password.
      throw new DomainError(
        DomainErrorCode.Unauthenticated,
        'Tài khoản đã bị vô hiệu hóa; vui lòng liên hệ quản trị viên',
      );
    }
    if (check.needsRehash) {
      // A legacy bcrypt hash: replaced by argon2id now that the password is known.
      await this.users.rehashPassword(user.id, passwordHash, await this.hasher.hash(password));
    }
    return this.transactions.run(async (tx) => {
      const session = await this.sessions.start(user, tx);
      await this.audit.record(
        {
          event: SecurityEvent.LoginSucceeded,
          actor: user,
          subject: `user:${user.id}`,
          address: client.address,
          details: check.needsRehash ? { rehashed: 'bcrypt→argon2id' } : {},
        },
        tx,
      );
      return session;
    });
  }

  /** The caller's own account; a token of a removed or deactivated account no longer works. */
  async me(userId: string): Promise<UserRecord> {
    const user = await this.users.findById(userId);
    if (!user || !user.active) {
      throw new DomainError(
        DomainErrorCode.Unauthenticated,
        'Tài khoản không còn hoạt động; vui lòng đăng nhập lại',
      );
    }
    return user;
  }

  /**
   * Every user changes their own password, knowing the current one. Every session of the
   * account ends (token version bumped, refresh tokens revoked) and a new one starts here.
   */
  async changePassword(
    actor: AuthUser,
    currentPassword: string,
    newPassword: string,
    client: ClientInfo,
  ): Promise<IssuedSession> {
    const problems: FieldProblem[] = newPasswordProblems(
      newPassword,
      { minLength: this.config.auth.passwordMinLength },
      { username: actor.username },
    ).map((reason) => ({ field: 'newPassword', reason }));
    if (newPassword === currentPassword) {
      problems.push({ field: 'newPassword', reason: 'must differ from the current password' });
    }
    if (problems.length > 0) {
      throw new DomainError(DomainErrorCode.Validation, 'Mật khẩu mới chưa đạt yêu cầu', problems);
    }
    const found = await this.users.findCredentials({ id: actor.id });
    if (!found || !found.user.active) {
      throw new DomainError(DomainErrorCode.Unauthenticated, 'Tài khoản không còn hoạt động');
    }
    if (!(await this.hasher.verify(found.passwordHash, currentPassword)).ok) {
      await this.audit.record({
        event: SecurityEvent.PasswordChangeFailed,
        actor,
        subject: `user:${actor.id}`,
        address: client.address,
        details: { reason: 'wrong current password' },
      });
      throw new DomainError(DomainErrorCode.Validation, 'Mật khẩu hiện tại không đúng', [
        { field: 'currentPassword', reason: 'is not your current password' },
      ]);
    }
    const hash = await this.hasher.hash(newPassword);
    const session = await this.transactions.run(async (tx) => {
      const now = this.clock.now();
      const updated = await this.users.changePassword(actor.id, hash, now, tx);
      if (!updated) {
        throw new DomainError(DomainErrorCode.Unauthenticated, 'Tài khoản không còn hoạt động');
      }
      await this.refreshTokens.revokeUser(actor.id, now, tx);
      await this.audit.record(
        {
          event: SecurityEvent.PasswordChanged,
          actor,
          subject: `user:${actor.id}`,
          address: client.address,
        },
        tx,
      );
      return this.sessions.start(updated, tx);
    });
    this.accounts.forget(actor.id);
    return session;
  }

  /** A wrong password or an unknown username: audited and counted by the throttle. */
  private async failed(
    username: string,
    user: UserRecord | null,
    reason: string,
    client: ClientInfo,
  ): Promise<void> {
    await this.audit.record({
      event: SecurityEvent.LoginFailed,
      subject: `account:${username.slice(0, 100)}`,
      address: client.address,
      details: { reason, ...(user ? { userId: user.id } : {}) },
    });
    await this.throttle.failed(username, client.address);
  }
}
