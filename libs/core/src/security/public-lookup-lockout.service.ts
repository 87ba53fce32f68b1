import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@app/config';
import {
  DomainError,
  DomainErrorCode,
  LockoutPolicy,
  lockoutPolicy,
  RetryLaterError,
} from '@app/domain';
import { ThrottleStore } from '@app/messaging';
import { Clock } from '../clock/clock';
import { SecurityAuditService } from './security-audit.service';

const SCOPE = 'public-code';

/**
 * The per-code lockout of the citizen's look-up and rating: the four phone digits are 10,000
 * guesses, which no per-address limit stops when addresses are cheap. After
 * PUBLIC_LOOKUP_MAX_FAILURES wrong pairs a code is locked (15 min, doubling), for the right
 * digits too; an unknown code is locked exactly like a known one, so the answers never tell
 * which codes exist.
 */
@Injectable()
export class PublicLookupLockout {
  private readonly policy: LockoutPolicy;

  constructor(
    @Inject(ThrottleStore) private readonly store: ThrottleStore,
    @Inject(SecurityAuditService) private readonly audit: SecurityAuditService,
    @Inject(Clock) private readonly clock: Clock,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.policy = lockoutPolicy(
      config.security.publicLookupMaxFailures,
      config.security.lockoutSeconds,
    );
  }

  /** Runs one code + phone check, counted against the code; a NOT_FOUND counts as wrong. */
  async attempt<T>(code: string, check: () => Promise<T>): Promise<T> {
    const key = code.trim().toUpperCase();
    const now = this.clock.now();
    const verdict = await this.store.reserve(SCOPE, key, this.policy, now.getTime());
    if (!verdict.allowed) {
      throw this.locked(verdict.lockedUntil, now);
    }
    let result: T;
    try {
      result = await check();
    } catch (error) {
      if (error instanceof DomainError && error.code === DomainErrorCode.NotFound) {
        await this.wrong(key);
      }
      throw error;
    }
    await this.store.succeed(SCOPE, key, this.policy, this.clock.now().getTime());
    return result;
  }

  private async wrong(key: string): Promise<void> {
    const now = this.clock.now();
    const failure = await this.store.fail(SCOPE, key, this.policy, now.getTime());
    if (failure.lockedNow) {
      await this.audit.recordLockout({
        subject: 'application-code',
        key: this.store.keyOf(SCOPE, key),
        until: new Date(failure.lockedUntil),
      });
    }
  }

  private locked(lockedUntil: number, now: Date): RetryLaterError {
    return new RetryLaterError(
      'Hồ sơ này tạm thời không tra cứu được vì đã nhập sai mã hồ sơ hoặc số điện thoại nhiều lần',
      new Date(lockedUntil),
      now,
    );
  }
}
