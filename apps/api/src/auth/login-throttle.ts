import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@app/config';
import { Clock, SecurityAuditService } from '@app/core';
import { LockoutPolicy, lockoutPolicy, RetryLaterError } from '@app/domain';
import { ThrottleStore } from '@app/messaging';
import { addressBucket } from '../http/client-address';

const ACCOUNT = 'login-account';
const ADDRESS = 'login-address';

/**
 * Password guessing, per account and per client address (an IPv6 /64 counts as one): after
 * LOGIN_MAX_FAILURES_PER_ACCOUNT / _PER_ADDRESS failures the key is locked for LOCKOUT_MINUTES,
 * doubling with each further lock that day, the right password refused meanwhile. Attempts are
 * counted before the password is checked, so parallel guesses get no more tries. An unknown
 * username is locked like a real one (no enumeration). Shared through Redis; bounded
 * in-process while Redis is down.
 */
@Injectable()
export class LoginThrottle {
  private readonly account: LockoutPolicy;
  private readonly address: LockoutPolicy;

  constructor(
    @Inject(ThrottleStore) private readonly store: ThrottleStore,
    @Inject(SecurityAuditService) private readonly audit: SecurityAuditService,
    @Inject(Clock) private readonly clock: Clock,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    const { loginMaxFailuresPerAccount, loginMaxFailuresPerAddress, lockoutSeconds } =
      config.security;
    this.account = lockoutPolicy(loginMaxFailuresPerAccount, lockoutSeconds);
    this.address = lockoutPolicy(loginMaxFailuresPerAddress, lockoutSeconds);
  }

  /** Counts the attempt, or refuses it (429, in Vietnamese, with when to retry). */
  async begin(username: string, address: string | null): Promise<void> {
    const now = this.clock.now();
    const bucket = addressBucket(address ?? 'unknown');
    const byAddress = await this.store.reserve(ADDRESS, bucket, this.address, now.getTime());
    const byAccount = byAddress.allowed
      ? await this.store.reserve(ACCOUNT, username, this.account, now.getTime())
      : { allowed: false, lockedUntil: 0 };
    if (!byAddress.allowed || !byAccount.allowed) {
      if (byAddress.allowed) {
        await this.store.release(ADDRESS, bucket, this.address, now.getTime());
      }
      const until = Math.max(byAddress.lockedUntil, byAccount.lockedUntil);
      throw new RetryLaterError(
        'Đăng nhập sai quá nhiều lần nên tạm thời bị khóa',
        new Date(until),
        now,
      );
    }
  }

  async succeeded(username: string, address: string | null): Promise<void> {
    const now = this.clock.now().getTime();
    await this.store.succeed(ACCOUNT, username, this.account, now);
    await this.store.release(ADDRESS, addressBucket(address ?? 'unknown'), this.address, now);
  }

  /** A wrong password or unknown username; audits a lock it starts. */
  async failed(username: string, address: string | null): Promise<void> {
    const now = this.clock.now().getTime();
    const bucket = addressBucket(address ?? 'unknown');
    const account = await this.store.fail(ACCOUNT, username, this.account, now);
    if (account.lockedNow) {
      await this.audit.recordLockout({
        subject: 'account',
        key: username,
        until: new Date(account.lockedUntil),
      });
    }
    const byAddress = await this.store.fail(ADDRESS, bucket, this.address, now);
    if (byAddress.lockedNow) {
      await this.audit.recordLockout({
        subject: 'address',
        key: this.store.keyOf(ADDRESS, bucket),
        until: new Date(byAddress.lockedUntil),
      });
    }
  }
}
