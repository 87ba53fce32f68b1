import { get, IncomingMessage } from 'node:http';
import { AddressInfo } from 'node:net';
import { Role } from '@app/domain';
import { startTestApp, TestApp } from '../setup/test-app';
import { bearer, cookieOf, login, within } from './support/sessions';

const QUEUES_SESSION = '/api/v1/operations/queues-session';

describe('Bull Board: the same authentication as the API', () => {
  let t: TestApp;
  let adminToken: string;
  beforeAll(async () => {
    t = await startTestApp();
    adminToken = await t.tokenFor(Role.Admin);
  });
  afterAll(() => t.close());

  it('opens from the browser: an admin gets a cookie limited to /admin/queues', async () => {
    const res = await t.http.post(QUEUES_SESSION).set(bearer(adminToken)).expect(200);
    expect(res.body).toEqual({ url: '/admin/queues', expiresIn: 900 });
    const cookie = cookieOf(res, 'motcua_queues')!;
    expect(cookie.attributes).toEqual(
      expect.arrayContaining(['httponly', 'samesite=strict', 'path=/admin/queues', 'max-age=900']),
    );
    const page = await t.http.get('/admin/queues').set('cookie', cookie.header);
    expect(page.status).toBe(200);
    expect(page.text).toMatch(/<html/i);
    const api = await t.http.get('/admin/queues/api/queues').set('cookie', cookie.header);
    expect(api.status).toBe(200);
    // The cookie's token is for Bull Board only: the API refuses it as a bearer token.
    await t.http.get('/api/v1/auth/me').set(bearer(cookie.value)).expect(401);
  });

  it('refuses non-admins, no credentials, and an API token passed as the cookie', async () => {
    await t.http
      .post(QUEUES_SESSION)
      .set(bearer(await t.tokenFor(Role.Director)))
      .expect(403);
    await t.http.post(QUEUES_SESSION).expect(401);
    expect((await t.http.get('/admin/queues')).status).toBe(401);
    const wrongAudience = await t.http
      .get('/admin/queues')
      .set('cookie', `motcua_queues=${adminToken}`);
    expect(wrongAudience.status).toBe(401);
  });

  it('refuses a deactivated admin within a second, by cookie and by bearer token', async () => {
    const admin = await t.factory.user({ role: Role.Admin, password: 'quan-tri-bull-board' });
    const session = await login(t, admin.username, 'quan-tri-bull-board');
    const opened = await t.http.post(QUEUES_SESSION).set(bearer(session.accessToken)).expect(200);
    const cookie = cookieOf(opened, 'motcua_queues')!.header;
    expect((await t.http.get('/admin/queues').set('cookie', cookie)).status).toBe(200);
    await t.db.query(`UPDATE users SET active = false WHERE id = $1`, [admin.id]);
    await within(
      1000,
      async () => (await t.http.get('/admin/queues').set('cookie', cookie)).status === 401,
    );
    expect((await t.http.get('/admin/queues').set(bearer(session.accessToken))).status).toBe(401);
  });

  it('refuses an admin demoted since the cookie was given', async () => {
    const admin = await t.factory.user({ role: Role.Admin, password: 'quan-tri-bull-board' });
    const session = await login(t, admin.username, 'quan-tri-bull-board');
    const opened = await t.http.post(QUEUES_SESSION).set(bearer(session.accessToken)).expect(200);
    const cookie = cookieOf(opened, 'motcua_queues')!.header;
    await t.db.query(`UPDATE users SET role = 'director' WHERE id = $1`, [admin.id]);
    await within(
      1000,
      async () => (await t.http.get('/admin/queues').set('cookie', cookie)).status === 401,
    );
  });
});

interface OpenStream {
  res: IncomingMessage;
  ended: Promise<string>;
  close(): void;
}

function openStream(base: string, ticket: string): Promise<OpenStream> {
  return new Promise((resolve, reject) => {
    const req = get(`${base}/api/v1/metrics/stream?ticket=${ticket}`, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      const ended = new Promise<string>((done) => res.on('end', () => done(text)));
      resolve({ res, ended, close: () => req.destroy() });
    });
    req.on('error', (error) => {
      if ((error as NodeJS.ErrnoException).code !== 'ECONNRESET') {
        reject(error);
      }
    });
  });
}

describe('metrics stream: account checks and a per-user cap', () => {
  let t: TestApp;
  let base: string;
  beforeAll(async () => {
    t = await startTestApp({ STREAM_MAX_PER_USER: '2' });
    await t.app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
  });
  afterAll(() => t.close());

  const ticket = async (token: string) =>
    (await t.http.post('/api/v1/metrics/stream-tickets').set(bearer(token)).expect(201)).body
      .ticket as string;

  it('closes the open stream of a user deactivated meanwhile, within about a second', async () => {
    const director = await t.factory.user({
      role: Role.Director,
      password: 'giam-doc-luong-su-kien',
    });
    const { accessToken } = await login(t, director.username, 'giam-doc-luong-su-kien');
    const stream = await openStream(base, await ticket(accessToken));
    expect(stream.res.statusCode).toBe(200);
    const started = Date.now();
    await t.db.query(`UPDATE users SET active = false WHERE id = $1`, [director.id]);
    const text = await stream.ended;
    expect(Date.now() - started).toBeLessThan(2500);
    expect(text).toContain('event: revoked');
  });

  it('closes the stream after a password change (token version), not after a name change', async () => {
    const head = await t.factory.user({ role: Role.Head, password: 'truong-phong-luong-1' });
    const { accessToken } = await login(t, head.username, 'truong-phong-luong-1');
    const stream = await openStream(base, await ticket(accessToken));
    await t.db.query(`UPDATE users SET full_name = 'Tên khác' WHERE id = $1`, [head.id]);
    await new Promise((r) => setTimeout(r, 1500));
    expect(stream.res.readableEnded).toBe(false);
    await t.http
      .post('/api/v1/auth/password')
      .set(bearer(accessToken))
      .send({ currentPassword: 'truong-phong-luong-1', newPassword: 'Mây trắng bay về núi 2026' })
      .expect(200);
    expect(await stream.ended).toContain('event: revoked');
  });

  it('refuses a ticket whose account changed after it was issued', async () => {
    const director = await t.factory.user({
      role: Role.Director,
      password: 'giam-doc-luong-su-kien',
    });
    const { accessToken } = await login(t, director.username, 'giam-doc-luong-su-kien');
    const issued = await ticket(accessToken);
    await t.db.query(`UPDATE users SET token_version = token_version + 1 WHERE id = $1`, [
      director.id,
    ]);
    const res = await t.http.get(`/api/v1/metrics/stream?ticket=${issued}`).expect(401);
    expect(res.body.code).toBe('UNAUTHENTICATED');
  });

  it('caps open streams per user (STREAM_MAX_PER_USER=2): the third is 429, others unaffected', async () => {
    const director = await t.factory.user({
      role: Role.Director,
      password: 'giam-doc-luong-su-kien',
    });
    const { accessToken } = await login(t, director.username, 'giam-doc-luong-su-kien');
    const open = [
      await openStream(base, await ticket(accessToken)),
      await openStream(base, await ticket(accessToken)),
    ];
    try {
      expect(open.map((s) => s.res.statusCode)).toEqual([200, 200]);
      const third = await t.http.get(`/api/v1/metrics/stream?ticket=${await ticket(accessToken)}`);
      expect(third.status).toBe(429);
      expect(third.body.message).toMatch(/tối đa 2/);
      const someoneElse = await openStream(base, await ticket(await t.tokenFor(Role.Admin)));
      expect(someoneElse.res.statusCode).toBe(200);
      someoneElse.close();
      open[0].close();
      await new Promise((r) => setTimeout(r, 200));
      const again = await openStream(base, await ticket(accessToken));
      expect(again.res.statusCode).toBe(200);
      again.close();
    } finally {
      open.forEach((s) => s.close());
    }
  });
});
