export * from './redis/redis.module';
