import { get, IncomingMessage } from 'node:http';
import { AddressInfo } from 'node:net';
import { ApplicationStatus as S, Role, TransitionAction as A } from '@app/domain';
import { startTestApp, TestApp } from '../setup/test-app';
import { createDriver, Driver } from './support/drive';

const STREAM = '/api/v1/metrics/stream';

interface Stream {
  res: IncomingMessage;
  /** Every `data:` payload received so far, parsed. */
  events: { type: string; at: string }[];
  close(): void;
}

/** Opens the stream as EventSource would: a plain GET, the token in the query. */
function openStream(base: string, token: string): Promise<Stream> {
  return new Promise((resolve, reject) => {
    const req = get(`${base}${STREAM}?access_token=${encodeURIComponent(token)}`, (res) => {
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
    const stream = await openStream(base, await t.tokenFor(Role.Director));
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

  it('throttles a burst of changes to one message per second', async () => {
    const stream = await openStream(base, await t.tokenFor(Role.Admin));
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

  it('401 without a token or with a bad one; 403 for reception and officers', async () => {
    const noToken = await t.http.get(STREAM).expect(401);
    expect(noToken.body.code).toBe('UNAUTHENTICATED');
    await t.http.get(`${STREAM}?access_token=not-a-jwt`).expect(401);
    // A bearer header alone is not what this route reads.
    await t.http
      .get(STREAM)
      .set('authorization', `Bearer ${await t.tokenFor(Role.Director)}`)
      .expect(401);
    const reception = await t.http
      .get(`${STREAM}?access_token=${await t.tokenFor(Role.Reception)}`)
      .expect(403);
    expect(reception.body.code).toBe('FORBIDDEN');
    await t.http
      .get(`${STREAM}?access_token=${await t.tokenFor(Role.Officer, d.departmentId)}`)
      .expect(403);
  });

  it('a token in the query is refused on every other route', async () => {
    await t.http
      .get(`/api/v1/metrics/at-risk?access_token=${await t.tokenFor(Role.Director)}`)
      .expect((res) => expect([400, 401]).toContain(res.status));
  });
});
