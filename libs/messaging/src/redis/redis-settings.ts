import type { AppConfig } from '@app/config';
import Redis from 'ioredis';

/** What the apps need of Redis, and why (said in every warning and refusal). */
const REQUIRED = [
  {
    parameter: 'maxmemory-policy',
    value: 'noeviction',
    why: 'an evicted key loses a queued job, a lockout or a stream ticket without a trace',
  },
  {
    parameter: 'appendonly',
    value: 'yes',
    why: 'without the append-only file a Redis restart loses every delayed job (deadline reminders) and lockout',
  },
] as const;

export class RedisSettingsError extends Error {}

export interface SettingsLogger {
  warn(message: string): void;
  log(message: string): void;
}

/** host:port of the URL, never its password. */
function addressOf(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname}:${u.port || '6379'}`;
  } catch {
    return 'REDIS_URL';
  }
}

/**
 * Checks, at start, that Redis keeps every key (`maxmemory-policy noeviction`) and survives a
 * restart (`appendonly yes`) — on a Redis Cluster, each seed node (REDIS_CLUSTER_NODES).
 * Production refuses to start without them (RedisSettingsError);
 * elsewhere each one missing is a warning. Redis unreachable: a warning (the apps degrade
 * without it and the check cannot run); CONFIG refused (managed Redis): production refuses
 * unless REDIS_CHECK_SETTINGS=false says an operator checked by hand.
 */
export async function checkRedisSettings(config: AppConfig, logger: SettingsLogger): Promise<void> {
  if (!config.redis.checkSettings) {
    logger.log(
      `Redis at ${addressOf(config.redis.url)}: settings not checked (REDIS_CHECK_SETTINGS=false)`,
    );
    return;
  }
  const nodes = config.redis.clusterNodes;
  const targets = nodes
    ? nodes.map((node) => ({ where: `Redis at ${node.host}:${node.port}`, node }))
    : [{ where: `Redis at ${addressOf(config.redis.url)}`, node: null }];
  for (const { where, node } of targets) {
    const options = {
      lazyConnect: true,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      connectTimeout: config.redis.commandTimeoutMs,
      commandTimeout: config.redis.commandTimeoutMs,
      retryStrategy: () => null,
    };
    const client = node ? new Redis({ ...node, ...options }) : new Redis(config.redis.url, options);
    await checkOne(client, where, config.env === 'production', logger);
  }
}

async function checkOne(
  client: Redis,
  where: string,
  production: boolean,
  logger: SettingsLogger,
): Promise<void> {
  client.on('error', () => undefined);
  try {
    try {
      await client.connect();
    } catch (error) {
      logger.warn(
        `${where} is unreachable (${(error as Error).message}): its settings (maxmemory-policy noeviction, appendonly yes) could not be checked`,
      );
      return;
    }
    const problems: string[] = [];
    for (const { parameter, value, why } of REQUIRED) {
      let actual: string;
      try {
        const answer = (await client.config('GET', parameter)) as string[];
        actual = answer[1] ?? '(unset)';
      } catch (error) {
        problems.push(
          `${parameter} cannot be read (CONFIG GET: ${(error as Error).message}); check it is ${value} by hand, then set REDIS_CHECK_SETTINGS=false`,
        );
        continue;
      }
      if (actual !== value) {
        problems.push(`${parameter} is ${actual}, must be ${value}: ${why}`);
      }
    }
    if (problems.length === 0) {
      return;
    }
    if (production) {
      throw new RedisSettingsError(
        `${where} is not fit for production (start it with --appendonly yes --maxmemory-policy noeviction):\n  - ${problems.join('\n  - ')}`,
      );
    }
    problems.forEach((p) => logger.warn(`${where}: ${p} (production refuses to start)`));
  } finally {
    client.disconnect();
  }
}
