import { Global, Inject, Injectable, Logger, Module, OnApplicationShutdown } from '@nestjs/common';
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
      useFactory: (config: AppConfig) => {
        const redis = new Redis(config.redis.url, {
          lazyConnect: false,
          enableOfflineQueue: false,
          maxRetriesPerRequest: 1,
          // A Redis that accepts the connection but does not answer must not hang a request.
          commandTimeout: config.redis.commandTimeoutMs,
          retryStrategy: (times) => Math.min(times * 200, 2000),
        });
        // One warning per outage (not one per reconnection attempt), and none unhandled.
        const logger = new Logger('Redis');
        let told = false;
        redis.on('error', (error: Error) => {
          if (!told) {
            told = true;
            logger.warn(`Redis unreachable, degrading until it is back: ${error.message}`);
          }
        });
        redis.on('ready', () => {
          if (told) {
            told = false;
            logger.log('Redis is back');
          }
        });
        return redis;
      },
    },
    RedisCloser,
    ThrottleStore,
  ],
  exports: [REDIS, ThrottleStore],
})
export class RedisModule {}
