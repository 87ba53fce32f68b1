import { Global, Inject, Injectable, Module, OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@app/config';
import Redis from 'ioredis';
import { REDIS } from './redis.token';
import { ThrottleStore } from './throttle-store';

export { REDIS };

@Injectable()
class RedisCloser implements OnApplicationShutdown {
  constructor(@Inject(REDIS) private readonly redis: Redis) {}
  async onApplicationShutdown(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}

/**
 * One shared ioredis connection for rate limits and health. It never blocks a request when
 * Redis is down (no offline queue): callers get an error at once and degrade.
 */
@Global()
@Module({
  providers: [
    {
      provide: REDIS,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) =>
        new Redis(config.redis.url, {
          lazyConnect: false,
          enableOfflineQueue: false,
          maxRetriesPerRequest: 1,
          // A Redis that accepts the connection but does not answer must not hang a request.
          commandTimeout: config.redis.commandTimeoutMs,
          retryStrategy: (times) => Math.min(times * 200, 2000),
        }),
    },
    RedisCloser,
    ThrottleStore,
  ],
  exports: [REDIS, ThrottleStore],
})
export class RedisModule {}
