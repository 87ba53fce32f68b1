import { createHmac } from 'node:crypto';
import { JwtService } from '@nestjs/jwt';
import { DEV_JWT_SECRET } from '@app/config';
import { FixedClock } from '@app/core';
import { Role } from '@app/domain';
import { startTestApp, TestApp } from '../setup/test-app';
import { bearer, cookieOf, login, LOGOUT, ME, PASSWORD, REFRESH } from './support/sessions';

const auditEvents = async (t: TestApp, userId: string) =>
  (
    await t.db.query<{ event: string; details: Record<string, unknown> }>(
      `SELECT event, details FROM security_audit_log WHERE subject = $1 ORDER BY id`,
      [`user:${userId}`],
    )
  ).rows;

describe('sessions: short access tokens and rotating refresh cookies', () => {
  let t: TestApp;
  const clock = new FixedClock(new Date());
  beforeAll(async () => {
    t = await startTestApp({}, { clock });
  });
  afterAll(() => t.close());

  it('login sets the refresh cookie: httpOnly, SameSite=Strict, only for /api/v1/auth, 12 h', async () => {
    const user = await t.factory.user({ role: Role.Reception, password: 'mat-khau-phien-1' });
    const { res } = await login(t, user.username, 'mat-khau-phien-1');
    const cookie = cookieOf(res, 'motcua_refresh')!;
    expect(cookie.value).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(cookie.attributes).toEqual(
      expect.arrayContaining(['httponly', 'samesite=strict', 'path=/api/v1/auth']),
    );
    const maxAge = Number(cookie.attributes.find((a) => a.startsWith('max-age='))!.slice(8));
    expect(maxAge).toBeGreaterThan(12 * 3600 - 60);
    expect(maxAge).toBeLessThanOrEqual(12 * 3600);
    // Not Secure outside production (http://localhost); the config test covers production.
    expect(cookie.attributes).not.toContain('secure');
    // Only its hash is stored.
    const stored = await t.db.query(`SELECT token_hash FROM refresh_tokens WHERE user_id = $1`, [
      user.id,
    ]);
    expect(stored.rows).toHaveLength(1);
    expect(stored.rows[0].token_hash.toString('base64url')).not.toBe(cookie.value);
  });

  it('access tokens live 15 minutes and carry issuer, audience and token version', async () => {
    const user = await t.factory.user({ role: Role.Officer, password: 'mat-khau-phien-2' });
    const { accessToken } = await login(t, user.username, 'mat-khau-phien-2');
    const claims = t.app.get(JwtService).decode<Record<string, unknown>>(accessToken);
    expect(claims).toMatchObject({ sub: user.id, iss: 'motcua', aud: 'motcua-api', tv: 0 });
    expect(Number(claims.exp) - Number(claims.iat)).toBe(900);
  });

  it('refresh rotates: a new access token and a new cookie; the old cookie is spent', async () => {
    const user = await t.factory.user({ role: Role.Director, password: 'mat-khau-phien-3' });
    const first = await login(t, user.username, 'mat-khau-phien-3');
    const res = await t.http.post(REFRESH).set('cookie', first.cookie).expect(200);
    expect(res.body).toMatchObject({ accessToken: expect.any(String), expiresIn: 900 });
    expect(res.body.user).toMatchObject({ id: user.id, role: 'director' });
    const second = cookieOf(res, 'motcua_refresh')!;
    expect(second.header).not.toBe(first.cookie);
    await t.http.get(ME).set(bearer(res.body.accessToken)).expect(200);
    // Presented again at once (two tabs refreshing together): refused, login kept.
    await t.http.post(REFRESH).set('cookie', first.cookie).expect(401);
    const third = await t.http.post(REFRESH).set('cookie', second.header).expect(200);
    expect(cookieOf(third, 'motcua_refresh')!.header).not.toBe(second.header);
  });

  it('a rotated token used again later revokes the whole login, and is audited', async () => {
    const user = await t.factory.user({ role: Role.Head, password: 'mat-khau-phien-4' });
    const stolen = await login(t, user.username, 'mat-khau-phien-4');
    const rotated = await t.http.post(REFRESH).set('cookie', stolen.cookie).expect(200);
    const current = cookieOf(rotated, 'motcua_refresh')!.header;
    clock.advance(60_000);

    const replay = await t.http.post(REFRESH).set('cookie', stolen.cookie).expect(401);
    expect(replay.body.code).toBe('UNAUTHENTICATED');
    // The legitimate holder's token is gone too: the thief and the owner both log in again.
    await t.http.post(REFRESH).set('cookie', current).expect(401);
    expect((await auditEvents(t, user.id)).map((e) => e.event)).toContain('auth.refresh.reused');
    // Another login of the same user is another family: untouched.
    const other = await login(t, user.username, 'mat-khau-phien-4');
    await t.http.post(REFRESH).set('cookie', other.cookie).expect(200);
  });

  it('a login ends after its lifetime, however often refreshed', async () => {
    const user = await t.factory.user({ role: Role.Reception, password: 'mat-khau-phien-5' });
    let cookie = (await login(t, user.username, 'mat-khau-phien-5')).cookie;
    clock.advance(11 * 3600_000);
    const res = await t.http.post(REFRESH).set('cookie', cookie).expect(200);
    cookie = cookieOf(res, 'motcua_refresh')!.header;
    clock.advance(3600_000 + 1000);
    await t.http.post(REFRESH).set('cookie', cookie).expect(401);
  });

  it('logout revokes the refresh token and clears the cookie; no cookie, still 204', async () => {
    const user = await t.factory.user({ role: Role.Reception, password: 'mat-khau-phien-6' });
    const { cookie } = await login(t, user.username, 'mat-khau-phien-6');
    const res = await t.http.post(LOGOUT).set('cookie', cookie).expect(204);
    const cleared = cookieOf(res, 'motcua_refresh')!;
    expect(cleared.value).toBe('');
    expect(cleared.attributes).toContain('path=/api/v1/auth');
    expect(cleared.attributes.some((a) => a.startsWith('expires=thu, 01 jan 1970'))).toBe(true);
    await t.http.post(REFRESH).set('cookie', cookie).expect(401);
    await t.http.post(LOGOUT).expect(204);
    expect((await auditEvents(t, user.id)).map((e) => e.event)).toEqual([
      'auth.login.succeeded',
      'auth.logout',
    ]);
  });

  it('refresh without a cookie, or with garbage, is 401', async () => {
    await t.http.post(REFRESH).expect(401);
    await t.http.post(REFRESH).set('cookie', 'motcua_refresh=abc').expect(401);
    await t.http
      .post(REFRESH)
      .set('cookie', `motcua_refresh=${'A'.repeat(43)}`)
      .expect(401);
  });
});

describe('access tokens: issuer, audience, algorithm, expiry', () => {
  let t: TestApp;
  let jwt: JwtService;
  let user: { id: string; username: string };
  beforeAll(async () => {
    t = await startTestApp();
    jwt = t.app.get(JwtService);
    user = await t.factory.user({ role: Role.Director });
  });
  afterAll(() => t.close());

  const claims = () => ({
    sub: user.id,
    username: user.username,
    role: 'director',
    departmentId: null,
    tv: 0,
  });
  const call = (token: string) => t.http.get('/api/v1/applications').set(bearer(token));

  it('accepts a token with the right issuer and audience', async () => {
    await call(await jwt.signAsync(claims())).expect(200);
  });

  it.each([
    ['another audience', { audience: 'someone-else' }],
    ["Bull Board's audience", { audience: 'motcua-api/admin/queues' }],
    ['another issuer', { issuer: 'evil' }],
    ['an expired token', { expiresIn: -10 }],
  ])('refuses %s', async (_name, options) => {
    const res = await call(await jwt.signAsync(claims(), options));
    expect(res.status).toBe(401);
  });

  it('refuses a token without audience or issuer, and an unsigned one (alg none)', async () => {
    const encode = (v: object) => Buffer.from(JSON.stringify(v)).toString('base64url');
    const now = Math.floor(Date.now() / 1000);
    const body = { ...claims(), iat: now, exp: now + 600 };
    await call(
      `${encode({ alg: 'none', typ: 'JWT' })}.${encode({ ...body, iss: 'motcua', aud: 'motcua-api' })}.`,
    ).expect(401);
    const unsigned = `${encode({ alg: 'HS256', typ: 'JWT' })}.${encode(body)}`;
    const signature = createHmac('sha256', DEV_JWT_SECRET).update(unsigned).digest('base64url');
    const signedBare = `${unsigned}.${signature}`;
    await call(signedBare).expect(401);
  });

  it('refuses a token whose version is behind the account', async () => {
    const token = await jwt.signAsync(claims());
    await t.db.query(`UPDATE users SET token_version = token_version + 1 WHERE id = $1`, [user.id]);
    await new Promise((r) => setTimeout(r, 600));
    await call(token).expect(401);
  });
});

describe('POST /auth/password: every user changes their own password', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('changes it: old tokens and cookies stop working, a new session is returned', async () => {
    const user = await t.factory.user({ role: Role.Officer, password: 'mat-khau-cu-123' });
    const old = await login(t, user.username, 'mat-khau-cu-123');
    const res = await t.http
      .post(PASSWORD)
      .set(bearer(old.accessToken))
      .send({ currentPassword: 'mat-khau-cu-123', newPassword: 'Trăng rằm tháng Tám 2026' })
      .expect(200);
    expect(res.body).toMatchObject({ accessToken: expect.any(String), user: { id: user.id } });
    const fresh = cookieOf(res, 'motcua_refresh')!.header;

    await t.http.get(ME).set(bearer(old.accessToken)).expect(401);
    await t.http.post(REFRESH).set('cookie', old.cookie).expect(401);
    await t.http.get(ME).set(bearer(res.body.accessToken)).expect(200);
    await t.http.post(REFRESH).set('cookie', fresh).expect(200);
    await t.http
      .post('/api/v1/auth/login')
      .send({ username: user.username, password: 'mat-khau-cu-123' })
      .expect(401);
    await login(t, user.username, 'Trăng rằm tháng Tám 2026');
    const row = await t.db.query(
      `SELECT password_hash, password_changed_at FROM users WHERE id = $1`,
      [user.id],
    );
    expect(row.rows[0].password_hash).toMatch(/^\$argon2id\$/);
    expect(row.rows[0].password_changed_at).not.toBeNull();
    expect((await auditEvents(t, user.id)).map((e) => e.event)).toContain('auth.password.changed');
  });

  it.each([
    ['too short', 'ngan-qua-1', 'must be longer than or equal to 8 characters', 'ngan'],
    ['under the minimum of 12', 'mat-khau-cu-123', 'must be at least 12 characters', 'Bảy-chữ-9'],
    ['common', 'mat-khau-cu-123', 'is too common or too easy to guess', 'Password1234!'],
    [
      'common in Vietnamese',
      'mat-khau-cu-123',
      'is too common or too easy to guess',
      'Matkhau@2026',
    ],
    ['over 256 bytes', 'mat-khau-cu-123', 'must be at most 256 bytes in UTF-8', 'ầẩẫấậ'.repeat(18)],
    [
      'the same as now',
      'mat-khau-cu-123',
      'must differ from the current password',
      'mat-khau-cu-123',
    ],
  ])(
    'refuses a new password %s with 400 naming newPassword, changing nothing',
    async (_n, current, reason, next) => {
      const user = await t.factory.user({ role: Role.Reception, password: 'mat-khau-cu-123' });
      const { accessToken } = await login(t, user.username, 'mat-khau-cu-123');
      const before = await t.db.query(
        `SELECT password_hash, token_version FROM users WHERE id = $1`,
        [user.id],
      );
      const res = await t.http
        .post(PASSWORD)
        .set(bearer(accessToken))
        .send({ currentPassword: current, newPassword: next })
        .expect(400);
      expect(res.body.details).toContainEqual({ field: 'newPassword', reason });
      const after = await t.db.query(
        `SELECT password_hash, token_version FROM users WHERE id = $1`,
        [user.id],
      );
      expect(after.rows).toEqual(before.rows);
      await t.http.get(ME).set(bearer(accessToken)).expect(200);
    },
  );

  it('refuses a wrong current password with 400 naming currentPassword (audited)', async () => {
    const user = await t.factory.user({ role: Role.Reception, password: 'mat-khau-cu-123' });
    const { accessToken } = await login(t, user.username, 'mat-khau-cu-123');
    const res = await t.http
      .post(PASSWORD)
      .set(bearer(accessToken))
      .send({ currentPassword: 'khong-phai-dau', newPassword: 'Một mật khẩu khác hẳn' })
      .expect(400);
    expect(res.body.details).toEqual([
      { field: 'currentPassword', reason: 'is not your current password' },
    ]);
    expect((await auditEvents(t, user.id)).map((e) => e.event)).toContain(
      'auth.password.change_failed',
    );
  });

  it('needs a login', async () => {
    await t.http.post(PASSWORD).send({ currentPassword: 'x', newPassword: 'y' }).expect(401);
  });
});

describe('password hashing: argon2id, bcrypt re-hashed, no 72-byte cut', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('re-hashes a bcrypt account with argon2id at its next login, keeping its sessions', async () => {
    const user = await t.factory.user({ role: Role.Reception, password: 'mat-khau-bcrypt-1' });
    const before = await t.db.query(`SELECT password_hash FROM users WHERE id = $1`, [user.id]);
    expect(before.rows[0].password_hash).toMatch(/^\$2[aby]\$/);
    const first = await login(t, user.username, 'mat-khau-bcrypt-1');
    const after = await t.db.query(`SELECT password_hash, token_version FROM users WHERE id = $1`, [
      user.id,
    ]);
    expect(after.rows[0].password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,p=1,t=2\$/);
    expect(after.rows[0].token_version).toBe(0);
    await t.http.get(ME).set(bearer(first.accessToken)).expect(200);
    await login(t, user.username, 'mat-khau-bcrypt-1');
    await t.http
      .post('/api/v1/auth/login')
      .send({ username: user.username, password: 'mat-khau-bcrypt-2' })
      .expect(401);
    const events = await auditEvents(t, user.id);
    expect(events[0]).toEqual({
      event: 'auth.login.succeeded',
      details: { rehashed: 'bcrypt→argon2id' },
    });
  });

  it('passwords that share their first 72 bytes are different passwords', async () => {
    const user = await t.factory.user({ role: Role.Reception, password: 'mat-khau-cu-123' });
    const { accessToken } = await login(t, user.username, 'mat-khau-cu-123');
    const prefix = 'Đây là một mật khẩu rất dài của bộ phận một cửa tỉnh, '; // 72+ bytes
    expect(Buffer.byteLength(prefix)).toBeGreaterThanOrEqual(72);
    await t.http
      .post(PASSWORD)
      .set(bearer(accessToken))
      .send({ currentPassword: 'mat-khau-cu-123', newPassword: `${prefix}phần cuối A` })
      .expect(200);
    await t.http
      .post('/api/v1/auth/login')
      .send({ username: user.username, password: `${prefix}phần cuối B` })
      .expect(401);
    await login(t, user.username, `${prefix}phần cuối A`);
  });

  it('refuses a login password over 256 bytes with 400 before hashing anything', async () => {
    const res = await t.http
      .post('/api/v1/auth/login')
      .send({ username: 'ai-do', password: 'ầ'.repeat(86) })
      .expect(400);
    expect(res.body.details).toEqual([
      { field: 'password', reason: 'must be at most 256 bytes in UTF-8' },
    ]);
  });

  it('records failed logins (unknown user, wrong password) and successes', async () => {
    const user = await t.factory.user({ role: Role.Reception, password: 'mat-khau-cu-123' });
    await t.http
      .post('/api/v1/auth/login')
      .send({ username: user.username, password: 'sai-mat-khau-9' })
      .expect(401);
    await t.http
      .post('/api/v1/auth/login')
      .send({ username: 'khong_ton_tai', password: 'sai-mat-khau-9' })
      .expect(401);
    const rows = await t.db.query(
      `SELECT event, subject, details FROM security_audit_log WHERE event = 'auth.login.failed' ORDER BY id DESC LIMIT 2`,
    );
    expect(rows.rows).toEqual([
      {
        event: 'auth.login.failed',
        subject: 'account:khong_ton_tai',
        details: { reason: 'unknown username' },
      },
      {
        event: 'auth.login.failed',
        subject: `account:${user.username}`,
        details: { reason: 'wrong password', userId: user.id },
      },
    ]);
    const all = await t.db.query(`SELECT details::text FROM security_audit_log`);
    expect(JSON.stringify(all.rows)).not.toContain('sai-mat-khau-9');
  });
});
