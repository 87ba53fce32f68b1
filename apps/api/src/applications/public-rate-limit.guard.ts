import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@app/config';
import { Clock } from '@app/core';
import { RetryLaterError } from '@app/domain';
import { ThrottleStore } from '@app/messaging';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { addressBucket, clientAddress } from '../http/client-address';

const WINDOW_SECONDS = 60;

/**
 * A fixed one-minute window per client address (an IPv6 /64 counts as one), shared by every
 * replica through Redis, bounded in-process while Redis is down: a citizen's question stays
 * answerable. The per-code lockout (PublicLookupLockout) stands behind it for guessers with
 * many addresses.
 */
@Injectable()
export class PublicRateLimitGuard implements CanActivate {
  constructor(
    @Inject(ThrottleStore) private readonly store: ThrottleStore,
    @Inject(Clock) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const http = context.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const limit = this.config.api.publicLookupRateLimitPerMinute;
    const now = this.clock.now();
    const bucket = addressBucket(clientAddress(request));
    const count = await this.store.hit('public', bucket, WINDOW_SECONDS, now.getTime());
    const reply = http.getResponse<FastifyReply>();
    void reply
      .header('x-ratelimit-limit', limit)
      .header('x-ratelimit-remaining', Math.max(0, limit - count));
    if (count > limit) {
      const windowEnd = (Math.floor(now.getTime() / 1000 / WINDOW_SECONDS) + 1) * WINDOW_SECONDS;
      throw new RetryLaterError(
        'Bạn tra cứu quá nhiều lần trong một phút',
        new Date(windowEnd * 1000),
        now,
      );
    }
    return true;
  }
}
