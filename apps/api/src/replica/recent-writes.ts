import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@app/config';
import { REDIS, RedisClient } from '@app/messaging';
import { LRUCache } from 'lru-cache';

/** Clocks of the API processes (writers) and of the one reading may differ by this much. */
export const CLOCK_SKEW_MS = 1000;

/**
 * When each user last changed something, for read-your-writes on the replica. Kept in Redis
 * (every API replica sees it: the next request may land elsewhere) and in this process; a
 * record lives as long as the replica may lag (past that, the replica is not read at all).
 * When Redis does not answer, a user counts as having just written: the primary is read.
 */
@Injectable()
export class RecentWrites {
  private readonly logger = new Logger(RecentWrites.name);
  private readonly local: LRUCache<string, number>;
  private readonly ttlMs: number;
  private warnedAt = 0;

  constructor(
    @Inject(REDIS) private readonly redis: RedisClient,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.ttlMs = config.database.readMaxLagMs + CLOCK_SKEW_MS;
    this.local = new LRUCache({ max: 10_000, ttl: this.ttlMs });
  }

  async mark(userId: string, at: number): Promise<void> {
    this.local.set(userId, at);
    try {
      await this.redis.set(this.key(userId), String(at), 'PX', this.ttlMs);
    } catch (error) {
      // Once a minute at most: while Redis is away every write would say it.
      if (at - this.warnedAt > 60_000) {
        this.warnedAt = at;
        this.logger.warn(`last writes not shared (${(error as Error).message})`);
      }
    }
  }

  /** Epoch ms of the user's last write still relevant; 0: none; Infinity: unknown. */
  async lastWrite(userId: string): Promise<number> {
    const local = this.local.get(userId) ?? 0;
    try {
      const shared = await this.redis.get(this.key(userId));
      return Math.max(local, shared === null ? 0 : Number(shared));
    } catch {
      return Number.POSITIVE_INFINITY;
    }
  }

  private key(userId: string): string {
    return `${this.config.queues.prefix}:last-write:${userId}`;
  }
}
