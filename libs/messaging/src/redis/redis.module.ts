import { Global, Inject, Injectable, Logger, Module, OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@app/config';
import Redis, { Cluster } from 'ioredis';
import { REDIS, RedisClient } from './redis.token';
import { ThrottleStore } from './throttle-store';

export { REDIS };
export type { RedisClient };

@Injectable()
class RedisCloser implements OnApplicationShutdown {
  constructor(@Inject(REDIS) private readonly redis: RedisClient) {}
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
      useFactory: (config: AppConfig): RedisClient => {
        const options = {
          maxRetriesPerRequest: 1,
          // A Redis that accepts the connection but does not answer must not hang a request.
          commandTimeout: config.redis.commandTimeoutMs,
        };
        const redis = config.redis.clusterNodes
          ? new Cluster(config.redis.clusterNodes, {
              enableOfflineQueue: false,
              redisOptions: options,
              clusterRetryStrategy: (times) => Math.min(times * 200, 2000),
            })
          : new Redis(config.redis.url, {
              ...options,
              lazyConnect: false,
              enableOfflineQueue: false,
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
