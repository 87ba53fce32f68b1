import { createHmac } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@app/config';
import { LockoutPolicy, LockoutState, lockSeconds } from '@app/domain';
import { LRUCache } from 'lru-cache';
import { REDIS, RedisClient } from './redis.token';

/** What a reserved attempt learnt: go ahead, or wait until `lockedUntil` (epoch ms). */
export interface AttemptVerdict {
  allowed: boolean;
  lockedUntil: number;
}

/** After a failure: whether this failure started a lock (to be audited once). */
export interface FailureVerdict {
  lockedNow: boolean;
  lockedUntil: number;
}

// Lock lengths handed to the script, computed by the domain's one definition (no copy in Lua).
const LOCK_STEPS = 12;

/**
 * An attempt is counted BEFORE it is checked, so a burst of parallel guesses gets at most
 * `maxFailures` evaluations per lock, however many arrive at once. KEYS[1]; ARGV: op (reserve,
 * fail, succeed, release), now ms, max failures, memory ms, then the lock lengths in ms by lock number.
 * Returns {allowed, lockedUntil, lock started, failures, locks}: the last two let the process
 * mirror the state it was told.
 */
const LOCKOUT_SCRIPT = `
local key = KEYS[1]
local op = ARGV[1]
local now = tonumber(ARGV[2])
local max = tonumber(ARGV[3])
local memory = tonumber(ARGV[4])
local state = redis.call('HMGET', key, 'f', 'l', 'u')
local f = tonumber(state[1] or '0')
local l = tonumber(state[2] or '0')
local u = tonumber(state[3] or '0')
local function lock()
  l = l + 1
  local step = math.min(l, #ARGV - 4)
  u = now + tonumber(ARGV[4 + step])
  f = 0
end
local started = 0
if op == 'succeed' then
  f = 0
elseif op == 'release' then
  if f > 0 then f = f - 1 end
elseif u > now then
  return {0, tostring(u), 0, f, l}
elseif op == 'reserve' then
  if f >= max then
    lock()
    started = 1
  else
    f = f + 1
  end
elseif op == 'fail' then
  if f >= max then
    lock()
    started = 1
  end
end
if u <= now then u = 0 end
redis.call('HSET', key, 'f', f, 'l', l, 'u', tostring(u))
redis.call('PEXPIRE', key, math.max(memory, u - now))
if started == 1 then return {0, tostring(u), 1, f, l} end
return {1, tostring(u), 0, f, l}
`;

type Op = 'reserve' | 'fail' | 'succeed' | 'release';

/**
 * Counters and lockouts shared by every API replica through Redis (rate limits per client
 * address, lockouts per account, address or application code). Keys are an HMAC of what they
 * count, under the deployment's prefix: a client-chosen value never becomes a Redis key, and
 * addresses are not readable in Redis. When Redis is unreachable a bounded in-process store
 * (LRU, entries expire) takes over: weaker across replicas, never unbounded, never open. It
 * starts from the last state Redis reported for the key, so a call that times out under load
 * does not reopen a key Redis has locked (the guessing test saw exactly that).
 */
@Injectable()
export class ThrottleStore {
  private readonly logger = new Logger(ThrottleStore.name);
  private readonly keyMac: Buffer;
  private readonly windows: LRUCache<string, { count: number }>;
  private readonly locks: LRUCache<string, LockoutState>;

  constructor(
    @Inject(REDIS) private readonly redis: RedisClient,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.keyMac = createHmac('sha256', config.auth.jwtSecret).update('motcua:throttle').digest();
    const max = config.security.throttleFallbackMaxEntries;
    this.windows = new LRUCache({ max, ttlAutopurge: false });
    this.locks = new LRUCache({ max, ttlAutopurge: false });
    this.redis.defineCommand('motcuaLockout', { numberOfKeys: 1, lua: LOCKOUT_SCRIPT });
  }

  /** The fixed-size name of a counted thing: also what the audit log shows for an address. */
  keyOf(scope: string, value: string): string {
    const digest = createHmac('sha256', this.keyMac).update(`${scope}\0${value}`).digest();
    return digest.subarray(0, 16).toString('base64url');
  }

  /** Requests in the current fixed window of `windowSeconds` for (scope, value). */
  async hit(scope: string, value: string, windowSeconds: number, nowMs: number): Promise<number> {
    const window = Math.floor(nowMs / 1000 / windowSeconds);
    const key = `${this.config.queues.prefix}:throttle:${scope}:${this.keyOf(scope, value)}:${window}`;
    try {
      const [[, count]] = (await this.redis
        .multi()
        .incr(key)
        .expire(key, windowSeconds * 2)
        .exec()) as [[null, number]];
      return count;
    } catch (error) {
      this.fallingBack(error);
      const entry = this.windows.get(key) ?? { count: 0 };
      entry.count += 1;
      this.windows.set(key, entry, { ttl: windowSeconds * 2000 });
      return entry.count;
    }
  }

  /** Counts one attempt; refused while locked or once the allowance is used up. */
  async reserve(
    scope: string,
    value: string,
    policy: LockoutPolicy,
    nowMs: number,
  ): Promise<AttemptVerdict> {
    const [allowed, lockedUntil] = await this.lockout('reserve', scope, value, policy, nowMs);
    return { allowed, lockedUntil };
  }

  /** The attempt was wrong: locks the key once the allowance is used up. */
  async fail(
    scope: string,
    value: string,
    policy: LockoutPolicy,
    nowMs: number,
  ): Promise<FailureVerdict> {
    const [, lockedUntil, lockedNow] = await this.lockout('fail', scope, value, policy, nowMs);
    return { lockedNow, lockedUntil };
  }

  /** The attempt was right: its failures are forgiven (past locks still count for a day). */
  async succeed(scope: string, value: string, policy: LockoutPolicy, nowMs: number): Promise<void> {
    await this.lockout('succeed', scope, value, policy, nowMs);
  }

  /**
   * The attempt was right but proves nothing about other attempts under this key (an address
   * shared by an office): it no longer counts, earlier failures still do.
   */
  async release(scope: string, value: string, policy: LockoutPolicy, nowMs: number): Promise<void> {
    await this.lockout('release', scope, value, policy, nowMs);
  }

  private async lockout(
    op: Op,
    scope: string,
    value: string,
    policy: LockoutPolicy,
    nowMs: number,
  ): Promise<[boolean, number, boolean]> {
    const key = `${this.config.queues.prefix}:lockout:${scope}:${this.keyOf(scope, value)}`;
    const steps = Array.from({ length: LOCK_STEPS }, (_, i) => lockSeconds(policy, i + 1) * 1000);
    try {
      const lua = this.redis as RedisClient & {
        motcuaLockout(
          ...args: (string | number)[]
        ): Promise<[number, string, number, number, number]>;
      };
      const [allowed, until, started, failures, locks] = await lua.motcuaLockout(
        key,
        op,
        nowMs,
        policy.maxFailures,
        policy.memorySeconds * 1000,
        ...steps,
      );
      const lockedUntil = Number(until);
      this.remember(key, policy, nowMs, { failures, locks, lockedUntil });
      return [allowed === 1, lockedUntil, started === 1];
    } catch (error) {
      this.fallingBack(error);
      return this.localLockout(op, key, policy, nowMs, steps);
    }
  }

  private remember(key: string, policy: LockoutPolicy, nowMs: number, state: LockoutState): void {
    const ttl = Math.max(policy.memorySeconds * 1000, state.lockedUntil - nowMs);
    this.locks.set(key, state, { ttl });
  }

  /** The same rules as the script, in this process (single-threaded, so atomic as well). */
  private localLockout(
    op: Op,
    key: string,
    policy: LockoutPolicy,
    nowMs: number,
    steps: number[],
  ): [boolean, number, boolean] {
    const state = this.locks.get(key) ?? { failures: 0, locks: 0, lockedUntil: 0 };
    let started = false;
    if (op === 'succeed') {
      state.failures = 0;
    } else if (op === 'release') {
      state.failures = Math.max(0, state.failures - 1);
    } else if (state.lockedUntil > nowMs) {
      return [false, state.lockedUntil, false];
    } else if (state.failures >= policy.maxFailures) {
      state.locks += 1;
      state.lockedUntil = nowMs + steps[Math.min(state.locks, steps.length) - 1];
      state.failures = 0;
      started = true;
    } else if (op === 'reserve') {
      state.failures += 1;
    }
    if (state.lockedUntil <= nowMs) {
      state.lockedUntil = 0;
    }
    this.remember(key, policy, nowMs, state);
    return [!started, state.lockedUntil, started];
  }

  private fallingBack(error: unknown): void {
    this.logger.warn(`throttle falls back to this process: ${(error as Error).message}`);
  }
}
