import { randomBytes } from 'node:crypto';
import { loadConfig } from '@app/config';
import { lockoutPolicy } from '@app/domain';
import { ThrottleStore } from '@app/messaging';
import Redis from 'ioredis';
import { REDIS_URL } from '../setup/services';

// A lockout held in Redis must stay shut when Redis stops answering this process for a while
// (a command timeout under load, a dropped connection): the in-process fallback starts from
// the state Redis last reported. CI once saw a locked code reopened for five more guesses.

const POLICY = lockoutPolicy(5, 900);

function storeOn(redis: Redis): ThrottleStore {
  const config = loadConfig({
    NODE_ENV: 'test',
    REDIS_URL,
    QUEUE_PREFIX: `motcua-throttle-${randomBytes(4).toString('hex')}`,
    LOG_LEVEL: 'silent',
  });
  return new ThrottleStore(redis as never, config);
}

describe('lockout when Redis stops answering', () => {
  let redis: Redis;
  beforeEach(() => {
    redis = new Redis(REDIS_URL, { maxRetriesPerRequest: 0, retryStrategy: () => null });
    redis.on('error', () => undefined);
  });
  afterEach(() => redis.disconnect());

  it('a key Redis locked stays locked in the fallback, and its failures carry over', async () => {
    const store = storeOn(redis);
    const now = Date.now();
    for (let i = 0; i < 5; i++) {
      expect((await store.reserve('s', 'locked', POLICY, now)).allowed).toBe(true);
      await store.fail('s', 'locked', POLICY, now);
    }
    const locked = await store.reserve('s', 'locked', POLICY, now);
    expect(locked.allowed).toBe(false);
    // Three wrong tries on another key before Redis goes away: two are left there.
    for (let i = 0; i < 3; i++) {
      expect((await store.reserve('s', 'counting', POLICY, now)).allowed).toBe(true);
    }

    redis.disconnect();

    const meanwhile = await store.reserve('s', 'locked', POLICY, now + 1000);
    expect(meanwhile).toEqual({ allowed: false, lockedUntil: locked.lockedUntil });
    const allowances: boolean[] = [];
    for (let i = 0; i < 4; i++) {
      allowances.push((await store.reserve('s', 'counting', POLICY, now + 1000)).allowed);
    }
    expect(allowances).toEqual([true, true, false, false]);
    // Past the lock, the fallback counts afresh, as Redis would.
    const later = now + 900_000 + 1;
    expect((await store.reserve('s', 'locked', POLICY, later)).allowed).toBe(true);
  });
});
