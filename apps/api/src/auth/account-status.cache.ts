import { Inject, Injectable } from '@nestjs/common';
import { UserRepository } from '@app/database';
import { AuthUser } from './auth-user';

const TTL_MS = 30_000;

/**
 * Tokens live for hours; accounts can be deactivated or moved at any time. Every request's
 * token is compared with the account as stored, read at most once per 30 s per user so the
 * check costs almost nothing on the intake path.
 */
@Injectable()
export class AccountStatusCache {
  private readonly entries = new Map<string, { at: number; valid: (u: AuthUser) => boolean }>();

  constructor(@Inject(UserRepository) private readonly users: UserRepository) {}

  /**
   * `fresh` skips the cache: for rare calls that grant a long-lived session (the metrics
   * stream stays open for hours), one read is cheap and a deactivation must show at once.
   */
  async stillValid(
    user: AuthUser,
    nowMs: number,
    options: { fresh?: boolean } = {},
  ): Promise<boolean> {
    let entry = this.entries.get(user.id);
    if (!entry || options.fresh || nowMs - entry.at > TTL_MS) {
      const account = await this.users.findById(user.id);
      entry = {
        at: nowMs,
        valid: (u) =>
          !!account &&
          account.active &&
          account.role === u.role &&
          account.departmentId === u.departmentId,
      };
      this.entries.set(user.id, entry);
    }
    return entry.valid(user);
  }
}
