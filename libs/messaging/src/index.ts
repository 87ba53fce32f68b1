export * from './redis/redis.module';
export * from './events/application-event-type';
