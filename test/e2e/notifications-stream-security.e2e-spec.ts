import { get, IncomingMessage } from 'node:http';
import { AddressInfo } from 'node:net';
import { Role } from '@app/domain';
import { startTestApp, TestApp } from '../setup/test-app';
import { closeTestApp } from './support/drive';
import { bearer, login } from './support/sessions';

// The bell's stream (GET /notifications/stream) has the dashboards' protections too
// (operations-auth.e2e-spec.ts covers the metrics stream): a per-user cap, and the stream of
// an account deactivated meanwhile is closed within about a second.

interface OpenStream {
  res: IncomingMessage;
  ended: Promise<string>;
  close(): void;
}

function openStream(url: string): Promise<OpenStream> {
  return new Promise((resolve, reject) => {
    const req = get(url, (res) => {
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

describe('notifications stream: per-user cap, deactivated accounts closed', () => {
  let t: TestApp;
  let base: string;
  beforeAll(async () => {
    t = await startTestApp({ STREAM_MAX_PER_USER: '2' });
    await t.app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
  });
  afterAll(() => closeTestApp(t));

  const ticket = async (token: string) =>
    (await t.http.post('/api/v1/notifications/stream-tickets').set(bearer(token)).expect(201)).body
      .ticket as string;
  const open = async (token: string) =>
    openStream(`${base}/api/v1/notifications/stream?ticket=${await ticket(token)}`);

  it('a third stream of one account is 429; another account is unaffected', async () => {
    const officer = await t.factory.user({ role: Role.Officer, password: 'chuyen-vien-chuong-1' });
    const { accessToken } = await login(t, officer.username, 'chuyen-vien-chuong-1');
    const streams = [await open(accessToken), await open(accessToken)];
    try {
      expect(streams.map((s) => s.res.statusCode)).toEqual([200, 200]);
      const third = await t.http.get(
        `/api/v1/notifications/stream?ticket=${await ticket(accessToken)}`,
      );
      expect(third.status).toBe(429);
      expect(third.body.message).toMatch(/tối đa 2/);
      const other = await open(await t.tokenFor(Role.Director));
      expect(other.res.statusCode).toBe(200);
      other.close();
    } finally {
      streams.forEach((s) => s.close());
    }
  });

  it('closes the stream of an account deactivated meanwhile, within about a second', async () => {
    const officer = await t.factory.user({ role: Role.Officer, password: 'chuyen-vien-chuong-2' });
    const { accessToken } = await login(t, officer.username, 'chuyen-vien-chuong-2');
    const stream = await open(accessToken);
    expect(stream.res.statusCode).toBe(200);
    const started = Date.now();
    await t.db.query(`UPDATE users SET active = false WHERE id = $1`, [officer.id]);
    const text = await stream.ended;
    const tookMs = Date.now() - started;
    console.log(`notifications stream of a deactivated account closed after ${tookMs} ms`);
    // One account check a second; the slack is for a loaded CI machine.
    expect(tookMs).toBeLessThan(2500);
    expect(text).toContain('event: revoked');
  });
});
