import { CanActivate, ExecutionContext, Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@app/config';
import { REDIS } from '@app/messaging';
import type Redis from 'ioredis';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DomainError, DomainErrorCode } from '@app/domain';

const WINDOW_SECONDS = 60;

/**
 * A fixed one-minute window per client address, counted in Redis so every API replica shares
 * it. When Redis is down the look-up stays available (a citizen's question is not worth
 * failing) and a per-process window takes over.
 */
@Injectable()
export class PublicRateLimitGuard implements CanActivate {
  private readonly logger = new Logger(PublicRateLimitGuard.name);
  private readonly local = new Map<string, { window: number; count: number }>();

  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const http = context.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const limit = this.config.api.publicLookupRateLimitPerMinute;
    const window = Math.floor(Date.now() / 1000 / WINDOW_SECONDS);
    const key = `motcua:ratelimit:public:${request.ip}:${window}`;
    const count = await this.count(key, request.ip, window);
    const reply = http.getResponse<FastifyReply>();
    void reply
      .header('x-ratelimit-limit', limit)
      .header('x-ratelimit-remaining', Math.max(0, limit - count));
    if (count > limit) {
      void reply.header(
        'retry-after',
        WINDOW_SECONDS - (Math.floor(Date.now() / 1000) % WINDOW_SECONDS),
      );
      throw new DomainError(
        DomainErrorCode.RateLimited,
        'Bạn tra cứu quá nhiều lần; vui lòng thử lại sau ít phút',
      );
    }
    return true;
  }

  private async count(key: string, ip: string, window: number): Promise<number> {
    try {
      const [[, count]] = (await this.redis
        .multi()
        .incr(key)
        .expire(key, WINDOW_SECONDS * 2)
        .exec()) as [[null, number]];
      return count;
    } catch (error) {
      this.logger.warn(`rate limit falls back to this process: ${(error as Error).message}`);
      const entry = this.local.get(ip);
      const next =
        entry && entry.window === window
          ? { window, count: entry.count + 1 }
          : { window, count: 1 };
      this.local.set(ip, next);
      return next.count;
    }
  }
}
