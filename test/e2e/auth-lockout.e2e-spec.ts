import { FixedClock } from '@app/core';
import { Role } from '@app/domain';
import { startTestApp, TestApp } from '../setup/test-app';
import { closeTestApp, expectError } from './support/drive';

const LOGIN = '/api/v1/auth/login';
const PASSWORD = 'dung-mat-khau-2026';

/** Login throttling: per account, per client address, progressive, audited. */
describe('login lockout', () => {
  let t: TestApp;
  const clock = new FixedClock(new Date());
  let n = 0;
  // Each test speaks from its own address through the loopback proxy, so only the account
  // limit is in play unless a test says otherwise.
  const address = () => `10.20.${Math.floor(++n / 250)}.${(n % 250) + 1}`;
  beforeAll(async () => {
    t = await startTestApp(
      {
        TRUSTED_PROXIES: '127.0.0.1,::1',
        LOGIN_MAX_FAILURES_PER_ACCOUNT: '5',
        LOGIN_MAX_FAILURES_PER_ADDRESS: '8',
      },
      { clock },
    );
  });
  afterAll(() => closeTestApp(t));

  const login = (username: string, password: string, from = address()) =>
    t.http.post(LOGIN).set('x-forwarded-for', from).send({ username, password });
  const wrong = async (username: string, times: number, from?: () => string) => {
    const statuses = [];
    for (let i = 0; i < times; i++) {
      statuses.push((await login(username, `sai-${i}`, from?.())).status);
    }
    return statuses;
  };

  it('locks the account after 5 failures; the right password is refused while locked', async () => {
    const user = await t.factory.user({ role: Role.Reception, password: PASSWORD });
    expect(await wrong(user.username, 5)).toEqual([401, 401, 401, 401, 401]);

    const locked = await login(user.username, PASSWORD);
    expectError(locked, 429, 'RATE_LIMITED');
    expect(locked.headers['retry-after']).toBe('900');
    expect(locked.body.message).toMatch(
      /^Đăng nhập sai quá nhiều lần nên tạm thời bị khóa\. Vui lòng thử lại sau 15 phút \(lúc \d\d:\d\d ngày/,
    );
    expect(locked.body).not.toHaveProperty('accessToken');

    const { rows } = await t.db.query<{ event: string; subject: string }>(
      `SELECT event, subject FROM security_audit_log WHERE subject = $1 ORDER BY id`,
      [`account:${user.username}`],
    );
    expect(rows.map((r) => r.event)).toEqual([
      ...Array<string>(5).fill('auth.login.failed'),
      'auth.lockout',
    ]);

    clock.advance(900_000 + 1000);
    expect((await login(user.username, PASSWORD)).status).toBe(200);

    // The next lock of the day is twice as long.
    expect(await wrong(user.username, 5)).toEqual([401, 401, 401, 401, 401]);
    const again = await login(user.username, PASSWORD);
    expect(again.status).toBe(429);
    expect(again.headers['retry-after']).toBe('1800');
  });

  it('a right password forgives the failures before it', async () => {
    const user = await t.factory.user({ role: Role.Reception, password: PASSWORD });
    expect(await wrong(user.username, 4)).toEqual([401, 401, 401, 401]);
    expect((await login(user.username, PASSWORD)).status).toBe(200);
    expect(await wrong(user.username, 4)).toEqual([401, 401, 401, 401]);
    expect((await login(user.username, PASSWORD)).status).toBe(200);
  });

  it('an unknown username is locked exactly like a real one', async () => {
    const user = await t.factory.user({ role: Role.Reception, password: PASSWORD });
    expect(await wrong('khong_co_ai_nay', 5)).toEqual(await wrong(user.username, 5));
    const [a, b] = [await login('khong_co_ai_nay', 'x'), await login(user.username, 'x')];
    expect([a.status, b.status]).toEqual([429, 429]);
    expect(a.body).toEqual(b.body);
  });

  it('locks one address after 8 failures across accounts; other addresses still log in', async () => {
    const user = await t.factory.user({ role: Role.Reception, password: PASSWORD });
    const guesser = '10.99.0.1';
    const statuses = [];
    for (let i = 0; i < 8; i++) {
      statuses.push((await login(`nguoi_${i}`, 'doan-mo', guesser)).status);
    }
    expect(statuses).toEqual(Array(8).fill(401));
    expect((await login(user.username, PASSWORD, guesser)).status).toBe(429);
    expect((await login(user.username, PASSWORD, '10.99.0.2')).status).toBe(200);

    const { rows } = await t.db.query<{ subject: string }>(
      `SELECT subject FROM security_audit_log WHERE event = 'auth.lockout' AND subject LIKE 'address:%'`,
    );
    expect(rows).toHaveLength(1);
    expect(rows[0].subject).not.toContain('10.99');
  });

  it('parallel guesses get no more tries than sequential ones', async () => {
    const user = await t.factory.user({ role: Role.Reception, password: PASSWORD });
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) => login(user.username, i === 19 ? PASSWORD : `sai-${i}`)),
    );
    const statuses = answers.map((r) => r.status);
    expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(5);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(14);
  });
});

describe('login lockout while Redis is unreachable', () => {
  let t: TestApp;
  beforeAll(async () => {
    // Nothing listens on port 1: every Redis call fails at once, the in-process store counts.
    t = await startTestApp({ REDIS_URL: 'redis://127.0.0.1:1' });
  });
  afterAll(() => closeTestApp(t));

  it('still locks the account (bounded in-process store)', async () => {
    const user = await t.factory.user({ role: Role.Reception, password: PASSWORD });
    for (let i = 0; i < 5; i++) {
      expect(
        (await t.http.post(LOGIN).send({ username: user.username, password: 'sai' })).status,
      ).toBe(401);
    }
    const locked = await t.http.post(LOGIN).send({ username: user.username, password: PASSWORD });
    expect(locked.status).toBe(429);
  });
});
