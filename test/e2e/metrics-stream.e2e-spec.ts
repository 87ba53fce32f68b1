import { get, IncomingMessage } from 'node:http';
import { AddressInfo } from 'node:net';
import { JwtService } from '@nestjs/jwt';
import { ApplicationStatus as S, Role, TransitionAction as A } from '@app/domain';
import { startTestApp, TestApp } from '../setup/test-app';
import { createDriver, Driver } from './support/drive';

const STREAM = '/api/v1/metrics/stream';
const TICKETS = '/api/v1/metrics/stream-tickets';

interface Stream {
  res: IncomingMessage;
  /** Every `data:` payload received so far, parsed. */
  events: { type: string; at: string }[];
  close(): void;
}

/** Opens the stream as EventSource would: a plain GET, the ticket in the query. */
function openStream(base: string, ticket: string): Promise<Stream> {
  return new Promise((resolve, reject) => {
    const req = get(`${base}${STREAM}?ticket=${encodeURIComponent(ticket)}`, (res) => {
      const events: Stream['events'] = [];
      let buffer = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        buffer += chunk;
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          for (const line of block.split('\n')) {
            if (line.startsWith('data: ')) {
              events.push(JSON.parse(line.slice('data: '.length)) as Stream['events'][number]);
            }
          }
        }
      });
      resolve({ res, events, close: () => req.destroy() });
    });
    req.on('error', (error) => {
      if ((error as NodeJS.ErrnoException).code !== 'ECONNRESET') {
        reject(error);
      }
    });
  });
}

async function waitFor(check: () => boolean, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > until) {
      throw new Error(`not within ${timeoutMs} ms`);
    }
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** What the dashboard does before each (re)connect: trade the bearer token for a ticket. */
async function ticketFor(t: TestApp, token: string): Promise<string> {
  const res = await t.http.post(TICKETS).set('authorization', `Bearer ${token}`).expect(201);
  return (res.body as { ticket: string }).ticket;
}

describe('GET /api/v1/metrics/stream (server-sent events)', () => {
  let t: TestApp;
  let d: Driver;
  let base: string;

  beforeAll(async () => {
    t = await startTestApp();
    await t.app.listen(0, '127.0.0.1');
    const { port } = t.app.getHttpServer().address() as AddressInfo;
    base = `http://127.0.0.1:${port}`;
    d = await createDriver(t);
  });

  afterAll(async () => {
    await t?.close();
  });

  it('sends "changed" within 3 s of a transition made through the API', async () => {
    const app = await d.driveTo(S.Processing);
    const stream = await openStream(base, await ticketFor(t, await t.tokenFor(Role.Director)));
    try {
      expect(stream.res.statusCode).toBe(200);
      expect(stream.res.headers['content-type']).toMatch(/^text\/event-stream/);
      // Let the LISTEN connection settle (it wakes once on connect), then start afresh.
      await new Promise((r) => setTimeout(r, 1_500));
      stream.events.length = 0;

      const started = Date.now();
      const res = await d.act(A.MarkResultReady, app, await d.adminToken());
      expect(res.status).toBe(200);
      await waitFor(() => stream.events.length > 0, 3_000);
      expect(Date.now() - started).toBeLessThan(3_000);
      expect(stream.events[0]).toEqual({ type: 'changed', at: expect.any(String) });
      expect(Number.isNaN(Date.parse(stream.events[0].at))).toBe(false);
    } finally {
      stream.close();
    }
  });

  it('sends "changed" when a citizen rates a returned application (K8 moved)', async () => {
    const app = await d.driveTo(S.ResultReturned);
    const stream = await openStream(base, await ticketFor(t, await t.tokenFor(Role.Director)));
    try {
      await new Promise((r) => setTimeout(r, 1_500));
      stream.events.length = 0;
      const res = await t.http
        .post('/api/v1/public/applications/rating')
        .set('x-forwarded-for', '10.77.0.1')
        .send({ code: app.code, phone: '5678', score: 4 }); // the driver's applicants have phone 0912345678
      expect(res.status).toBe(201);
      await waitFor(() => stream.events.length > 0, 3_000);
      expect(stream.events[0]).toMatchObject({ type: 'changed' });
    } finally {
      stream.close();
    }
  });

  it('throttles a burst of changes to one message per second', async () => {
    const stream = await openStream(base, await ticketFor(t, await t.tokenFor(Role.Admin)));
    try {
      await new Promise((r) => setTimeout(r, 1_500));
      stream.events.length = 0;
      await Promise.all([d.driveTo(S.Processing), d.driveTo(S.Received), d.driveTo(S.Received)]);
      await new Promise((r) => setTimeout(r, 1_200));
      const times = stream.events.map((e) => Date.parse(e.at));
      expect(times.length).toBeGreaterThanOrEqual(1);
      for (let i = 1; i < times.length; i += 1) {
        expect(times[i] - times[i - 1]).toBeGreaterThanOrEqual(990);
      }
    } finally {
      stream.close();
    }
  });

  it('issues a random ticket valid about 30 s, to heads, directors and admins only', async () => {
    const before = Date.now();
    const res = await t.http
      .post(TICKETS)
      .set('authorization', `Bearer ${await t.tokenFor(Role.Head, d.departmentId)}`)
      .expect(201);
    expect(res.body).toEqual({ ticket: expect.any(String), expiresAt: expect.any(String) });
    expect(res.body.ticket).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const expiresIn = Date.parse(res.body.expiresAt) - before;
    expect(expiresIn).toBeGreaterThanOrEqual(29_000);
    expect(expiresIn).toBeLessThanOrEqual(31_000);
    const director = await t.tokenFor(Role.Director);
    expect(await ticketFor(t, director)).not.toBe(await ticketFor(t, director));

    await t.http.post(TICKETS).expect(401);
    const reception = await t.http
      .post(TICKETS)
      .set('authorization', `Bearer ${await t.tokenFor(Role.Reception)}`)
      .expect(403);
    expect(reception.body.code).toBe('FORBIDDEN');
    await t.http
      .post(TICKETS)
      .set('authorization', `Bearer ${await t.tokenFor(Role.Officer, d.departmentId)}`)
      .expect(403);
  });

  it('a ticket opens the stream once: the second use is refused', async () => {
    const ticket = await ticketFor(t, await t.tokenFor(Role.Director));
    const first = await openStream(base, ticket);
    first.close();
    expect(first.res.statusCode).toBe(200);
    const again = await t.http.get(`${STREAM}?ticket=${ticket}`).expect(401);
    expect(again.body).toMatchObject({ statusCode: 401, code: 'UNAUTHENTICATED' });
  });

  it('401 without a ticket, with an unknown one, with a token in the query or a bearer header', async () => {
    const none = await t.http.get(STREAM).expect(401);
    expect(none.body.code).toBe('UNAUTHENTICATED');
    await t.http.get(`${STREAM}?ticket=`).expect(401);
    await t.http.get(`${STREAM}?ticket=${'A'.repeat(43)}`).expect(401);
    await t.http.get(`${STREAM}?ticket=not-a-ticket`).expect(401);
    const director = await t.tokenFor(Role.Director);
    // The access token itself is no longer accepted in the query, under either name.
    await t.http.get(`${STREAM}?access_token=${director}`).expect(401);
    await t.http.get(`${STREAM}?ticket=${director}`).expect(401);
    await t.http.get(STREAM).set('authorization', `Bearer ${director}`).expect(401);
  });

  it('refuses the ticket of an account deactivated after it was issued', async () => {
    const user = await t.factory.user({ role: Role.Director, departmentId: null });
    const token = await t.app.get(JwtService).signAsync({
      sub: user.id,
      username: user.username,
      role: Role.Director,
      departmentId: null,
    });
    const [first, second] = [await ticketFor(t, token), await ticketFor(t, token)];
    // The first connect reads the account as active: a cached answer must not let the next in.
    (await openStream(base, first)).close();
    await t.db.query(`UPDATE users SET active = false WHERE id = $1`, [user.id]);
    const res = await t.http.get(`${STREAM}?ticket=${second}`).expect(401);
    expect(res.body.code).toBe('UNAUTHENTICATED');
  });

  it('a token in the query is refused on every other route', async () => {
    await t.http
      .get(`/api/v1/metrics/at-risk?access_token=${await t.tokenFor(Role.Director)}`)
      .expect((res) => expect([400, 401]).toContain(res.status));
  });
});

describe('stream tickets: expiry (STREAM_TICKET_TTL_SECONDS=1)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ STREAM_TICKET_TTL_SECONDS: '1' });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('refuses a ticket once its time has passed, unused', async () => {
    const ticket = await ticketFor(t, await t.tokenFor(Role.Admin));
    await new Promise((r) => setTimeout(r, 1_500));
    const res = await t.http.get(`${STREAM}?ticket=${ticket}`).expect(401);
    expect(res.body.code).toBe('UNAUTHENTICATED');
  });
});

describe('stream tickets: Redis unreachable', () => {
  let t: TestApp;
  beforeAll(async () => {
    // Nothing listens on 6390.
    t = await startTestApp({ REDIS_URL: 'redis://127.0.0.1:6390' });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('answers 503 with a clear message, and the rest of the API keeps working', async () => {
    const token = await t.tokenFor(Role.Director);
    const res = await t.http.post(TICKETS).set('authorization', `Bearer ${token}`).expect(503);
    expect(res.body).toMatchObject({
      statusCode: 503,
      code: 'SERVICE_UNAVAILABLE',
      message: expect.stringMatching(/Live updates are unavailable/),
    });
    await t.http.get(`${STREAM}?ticket=${'A'.repeat(43)}`).expect(503);
    await t.http.get('/api/v1/metrics/at-risk').set('authorization', `Bearer ${token}`).expect(200);
  });
});
