import { Role } from '@app/domain';
import { startTestApp, TestApp } from '../setup/test-app';

const LOGIN = '/api/v1/auth/login';
const WRONG_CREDENTIALS = 'Tên đăng nhập hoặc mật khẩu không đúng';

describe('auth', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('logs in with the right password and returns a token and the profile, no hash', async () => {
    const department = await t.factory.department();
    const user = await t.factory.user({
      role: Role.Officer,
      departmentId: department.id,
      password: 'dung-mat-khau-1',
    });

    const res = await t.http
      .post(LOGIN)
      .send({ username: user.username, password: 'dung-mat-khau-1' })
      .expect(200);

    expect(res.body).toEqual({
      accessToken: expect.any(String),
      expiresIn: 900,
      user: {
        id: user.id,
        username: user.username,
        fullName: `Cán bộ ${user.username}`,
        role: 'officer',
        departmentId: department.id,
      },
    });
    expect(JSON.stringify(res.body)).not.toMatch(/\$2[aby]\$|password/i);
    const me = await t.http
      .get('/api/v1/auth/me')
      .set('Authorization', `Bearer ${res.body.accessToken}`)
      .expect(200);
    expect(me.body).toMatchObject({ id: user.id, role: 'officer', active: true });
    expect(me.body).not.toHaveProperty('passwordHash');
  });

  it('ignores the case of the username', async () => {
    const user = await t.factory.user({ role: Role.Reception, password: 'mot-hai-ba-4' });
    await t.http
      .post(LOGIN)
      .send({ username: user.username.toUpperCase(), password: 'mot-hai-ba-4' })
      .expect(200);
  });

  it('answers a wrong password and an unknown username alike (no user enumeration)', async () => {
    const user = await t.factory.user({ role: Role.Reception, password: 'mat-khau-that' });

    const wrongPassword = await t.http
      .post(LOGIN)
      .send({ username: user.username, password: 'mat-khau-sai' })
      .expect(401);
    const unknownUser = await t.http
      .post(LOGIN)
      .send({ username: 'khong_co_ai', password: 'mat-khau-that' })
      .expect(401);

    const expected = {
      statusCode: 401,
      code: 'UNAUTHENTICATED',
      message: WRONG_CREDENTIALS,
      details: [],
    };
    expect(wrongPassword.body).toEqual(expected);
    expect(unknownUser.body).toEqual(expected);
  });

  it('refuses a deactivated account, at login and with a token issued before', async () => {
    const user = await t.factory.user({ role: Role.Director, password: 'giam-doc-2026' });
    const login = await t.http
      .post(LOGIN)
      .send({ username: user.username, password: 'giam-doc-2026' })
      .expect(200);
    await t.db.query(`UPDATE users SET active = false WHERE id = $1`, [user.id]);

    const res = await t.http
      .post(LOGIN)
      .send({ username: user.username, password: 'giam-doc-2026' })
      .expect(401);
    expect(res.body).toMatchObject({ statusCode: 401, code: 'UNAUTHENTICATED' });
    await t.http
      .get('/api/v1/auth/me')
      .set('Authorization', `Bearer ${login.body.accessToken}`)
      .expect(401);
  });

  it('names every bad field: missing, mistyped, unknown', async () => {
    const res = await t.http.post(LOGIN).send({ username: 12345, remember: true }).expect(400);

    expect(res.body).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED' });
    const fields = (res.body.details as Array<{ field: string; reason: string }>).map(
      (d) => d.field,
    );
    expect(new Set(fields)).toEqual(new Set(['username', 'password', 'remember']));
    expect(res.body.details).toContainEqual({ field: 'remember', reason: 'unknown field' });
    expect(res.body.details).toContainEqual({ field: 'username', reason: 'must be a string' });
  });

  it('refuses a body that is not a JSON object, and a 10 MB body', async () => {
    const notObject = await t.http
      .post(LOGIN)
      .set('Content-Type', 'application/json')
      .send('"chuoi"')
      .expect(400);
    expect(notObject.body).toMatchObject({ statusCode: 400, details: [{ field: 'body' }] });

    const huge = await t.http
      .post(LOGIN)
      .send({ username: 'a', password: 'x'.repeat(10 * 1024 * 1024) })
      .expect(413);
    expect(huge.body).toMatchObject({
      statusCode: 413,
      code: 'PAYLOAD_TOO_LARGE',
      message: expect.any(String),
      details: expect.any(Array),
    });
  });

  it('asks for a token on /auth/me', async () => {
    const res = await t.http.get('/api/v1/auth/me').expect(401);
    expect(res.body).toMatchObject({ statusCode: 401, code: 'UNAUTHENTICATED', details: [] });
  });
});
