import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@app/config';
import { AccountState, UserRepository } from '@app/database';
import { DomainError, DomainErrorCode } from '@app/domain';
import { AuthUser } from './auth-user';

interface Entry {
  readAt: number;
  state: AccountState | null;
}

/**
 * Is the account still as the token says: active, same role and department, same token
 * version? Every change of password, role, department or status bumps the version in
 * PostgreSQL, which every API process reads; a process trusts its last read for at most
 * ACCOUNT_CHECK_TTL_MS (500 ms by default), so a revoked token is refused everywhere within
 * that time. Concurrent requests of one user share one read. No pub/sub to lose a message: the
 * bound holds whatever happened to other processes or connections.
 */
@Injectable()
export class AccountStateCache {
  private readonly entries = new Map<string, Entry>();
  private readonly inFlight = new Map<string, Promise<AccountState | null>>();

  constructor(
    @Inject(UserRepository) private readonly users: UserRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Throws Unauthenticated when the token no longer matches its account. */
  async assertCurrent(user: AuthUser, options: { fresh?: boolean } = {}): Promise<void> {
    const state = await this.stateOf(user.id, options.fresh ?? false);
    if (!matches(user, state)) {
      throw revoked();
    }
  }

  /** One read for many users (the open streams' periodic check); refreshes the cache. */
  async currentStates(ids: string[]): Promise<Map<string, AccountState | null>> {
    const found = new Map((await this.users.accountStates(ids)).map((s) => [s.id, s]));
    const now = Date.now();
    const result = new Map<string, AccountState | null>();
    for (const id of ids) {
      const state = found.get(id) ?? null;
      this.entries.set(id, { readAt: now, state });
      result.set(id, state);
    }
    return result;
  }

  /** After this process changed an account: forget it at once here. */
  forget(userId: string): void {
    this.entries.delete(userId);
  }

  private async stateOf(userId: string, fresh: boolean): Promise<AccountState | null> {
    const entry = this.entries.get(userId);
    if (!fresh && entry && Date.now() - entry.readAt < this.config.auth.accountCheckTtlMs) {
      return entry.state;
    }
    let read = this.inFlight.get(userId);
    if (!read) {
      const readAt = Date.now();
      read = this.users
        .accountStates([userId])
        .then(([state]) => {
          this.entries.set(userId, { readAt, state: state ?? null });
          return state ?? null;
        })
        .finally(() => this.inFlight.delete(userId));
      this.inFlight.set(userId, read);
      this.pruneSometimes();
    }
    return read;
  }

  /** Keeps the map to recent users only (it would otherwise grow with every user ever seen). */
  private pruneSometimes(): void {
    if (this.entries.size < 10_000) {
      return;
    }
    const cutoff = Date.now() - this.config.auth.accountCheckTtlMs;
    for (const [id, entry] of this.entries) {
      if (entry.readAt < cutoff) {
        this.entries.delete(id);
      }
    }
  }
}

export function matches(user: AuthUser, state: AccountState | null): boolean {
  return (
    state !== null &&
    state.active &&
    state.role === user.role &&
    state.departmentId === user.departmentId &&
    state.tokenVersion === user.tokenVersion
  );
}

export function revoked(): DomainError {
  return new DomainError(
    DomainErrorCode.Unauthenticated,
    'This session was ended (password, role or status changed, or logged out); log in again',
  );
}
