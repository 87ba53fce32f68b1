import type { RedisOptions } from 'bullmq';

/** BullMQ connection options for a redis:// or rediss:// URL. */
export function bullConnection(url: string): RedisOptions {
  return {
    url,
    // BullMQ workers block on Redis: they must retry forever rather than fail a command.
    maxRetriesPerRequest: null,
    retryStrategy: (times: number) => Math.min(times * 500, 5000),
  };
}
