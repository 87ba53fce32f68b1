import type { AppConfig } from '@app/config';
import type { RedisOptions } from 'bullmq';
import { Cluster } from 'ioredis';

/** BullMQ workers block on Redis: they must retry forever rather than fail a command. */
const BLOCKING_SAFE = { maxRetriesPerRequest: null } as const;

/**
 * BullMQ connection for the configured Redis: options for a redis:// or rediss:// URL, or, when
 * REDIS_CLUSTER_NODES is set, an ioredis Cluster (BullMQ duplicates it for blocking commands;
 * the caller closes it, see BullConnectionCloser).
 */
export function bullConnection(redis: AppConfig['redis']): RedisOptions | Cluster {
  if (redis.clusterNodes) {
    return new Cluster(redis.clusterNodes, {
      redisOptions: { ...BLOCKING_SAFE },
      clusterRetryStrategy: (times: number) => Math.min(times * 500, 5000),
    });
  }
  return {
    url: redis.url,
    ...BLOCKING_SAFE,
    retryStrategy: (times: number) => Math.min(times * 500, 5000),
  };
}

/**
 * The BullMQ key prefix of one queue. Every key BullMQ keeps for a queue (and its Lua scripts
 * touch several at once) must hash to one Redis Cluster slot, so the prefix carries a hash tag
 * `{…}` naming the deployment and the queue: each queue lives in one slot, different queues
 * spread over the masters. Persisted contract like the queue names (keys in Redis): see
 * docs/scaling.md before changing it.
 */
export function queueKeyPrefix(prefix: string, queue: string): string {
  return `{${prefix}:${queue}}`;
}

/** Closes a connection made by bullConnection (nothing to do for plain options). */
export async function closeBullConnection(connection: RedisOptions | Cluster): Promise<void> {
  if (connection instanceof Cluster) {
    await connection.quit().catch(() => connection.disconnect());
  }
}
