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

/** What the check could do: `unreachable` means it must run again once Redis answers. */
export type RedisSettingsCheck = 'checked' | 'skipped' | 'unreachable';

/**
 * Checks, at start, that Redis keeps every key (`maxmemory-policy noeviction`) and survives a
 * restart (`appendonly yes`). Production refuses to start without them (RedisSettingsError);
 * elsewhere each one missing is a warning. Redis unreachable: a warning (the apps degrade
 * without it and the check cannot run: see checkRedisSettingsWhenReady); CONFIG refused
 * (managed Redis): production refuses unless REDIS_CHECK_SETTINGS=false says an operator
 * checked by hand.
 */
export async function checkRedisSettings(
  config: AppConfig,
  logger: SettingsLogger,
): Promise<RedisSettingsCheck> {
  const where = `Redis at ${addressOf(config.redis.url)}`;
  if (!config.redis.checkSettings) {
    logger.log(`${where}: settings not checked (REDIS_CHECK_SETTINGS=false)`);
    return 'skipped';
  }
  const production = config.env === 'production';
  const client = new Redis(config.redis.url, {
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    connectTimeout: config.redis.commandTimeoutMs,
    commandTimeout: config.redis.commandTimeoutMs,
    retryStrategy: () => null,
  });
  client.on('error', () => undefined);
  try {
    try {
      await client.connect();
    } catch (error) {
      logger.warn(
        `${where} is unreachable (${(error as Error).message}): its settings (maxmemory-policy noeviction, appendonly yes) are checked when it answers`,
      );
      return 'unreachable';
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
      return 'checked';
    }
    if (production) {
      throw new RedisSettingsError(
        `${where} is not fit for production (start it with --appendonly yes --maxmemory-policy noeviction):\n  - ${problems.join('\n  - ')}`,
      );
    }
    problems.forEach((p) => logger.warn(`${where}: ${p} (production refuses to start)`));
    return 'checked';
  } finally {
    client.disconnect();
  }
}

/**
 * For an app that started while Redis was unreachable: the check runs when the shared
 * connection is first ready; `refuse` is called with its RedisSettingsError (production), so
 * the process stops as it would have at start.
 */
export function checkRedisSettingsWhenReady(
  redis: Redis,
  config: AppConfig,
  logger: SettingsLogger,
  refuse: (error: Error) => void,
): void {
  const run = () => {
    checkRedisSettings(config, logger).then(
      (result) => {
        if (result === 'unreachable') {
          redis.once('ready', run);
        }
      },
      (error: Error) => refuse(error),
    );
  };
  if (redis.status === 'ready') {
    run();
  } else {
    redis.once('ready', run);
  }
}
