import { createServer, Server, Socket } from 'node:net';
import { Role } from '@app/domain';
import { freePort } from '../setup/free-port';
import { startTestApp, TestApp } from '../setup/test-app';
import { startTestWorker, TestWorker } from '../setup/test-worker';
import { closeTestApp } from './support/drive';
import { bearer } from './support/sessions';

// With Redis unreachable, the operations endpoints answer 503 (retry later): never a hang,
// never a 500. A hang would fail on supertest's timeout below, well inside Jest's.

const ANSWER_MS = 10_000;

function expectUnavailable(res: { status: number }): void {
  expect(res.status).toBe(503);
}

describe.each([
  ['nothing listens on its port', 'closed'],
  ['it accepts connections and never answers', 'silent'],
] as const)('Redis unreachable (%s)', (_, kind) => {
  let t: TestApp;
  let silent: Server | undefined;
  const sockets: Socket[] = [];
  beforeAll(async () => {
    const port = await freePort();
    if (kind === 'silent') {
      silent = createServer((socket) => sockets.push(socket));
      await new Promise<void>((resolve) => silent!.listen(port, '127.0.0.1', resolve));
    }
    t = await startTestApp({
      REDIS_URL: `redis://127.0.0.1:${port}`,
      REDIS_COMMAND_TIMEOUT_MS: '500',
    });
  });
  afterAll(async () => {
    await closeTestApp(t);
    sockets.forEach((s) => s.destroy());
    await new Promise<void>((resolve) => (silent ? silent.close(() => resolve()) : resolve()));
  });

  it('GET /metrics answers 503', async () => {
    const res = await t.http.get('/metrics').timeout(ANSWER_MS);
    expectUnavailable(res);
    expect(res.body).toMatchObject({ code: 'SERVICE_UNAVAILABLE' });
  });

  it('GET /api/v1/health/ready answers 503; live stays 200', async () => {
    const res = await t.http.get('/api/v1/health/ready').timeout(ANSWER_MS);
    expectUnavailable(res);
    expect(res.body).toMatchObject({ statusCode: 503, code: 'SERVICE_UNAVAILABLE' });
    await t.http.get('/api/v1/health/live').timeout(ANSWER_MS).expect(200);
  });

  it('Bull Board answers 503 to an admin (page and API), still 401 to anyone else', async () => {
    const admin = await t.tokenFor(Role.Admin);
    for (const path of ['/admin/queues', '/admin/queues/api/queues']) {
      const res = await t.http.get(path).set(bearer(admin)).timeout(ANSWER_MS);
      expectUnavailable(res);
      expect(res.body).toMatchObject({ code: 'SERVICE_UNAVAILABLE' });
    }
    expect((await t.http.get('/admin/queues').timeout(ANSWER_MS)).status).toBe(401);
  });
});

describe("the worker's /metrics and readiness with Redis unreachable", () => {
  let w: TestWorker;
  beforeAll(async () => {
    w = await startTestWorker({
      REDIS_URL: `redis://127.0.0.1:${await freePort()}`,
      REDIS_COMMAND_TIMEOUT_MS: '500',
      // The schedules would wait for Redis to enqueue their repeatable jobs.
      WORKER_SCHEDULES: 'false',
    });
  });
  afterAll(() => w.close());

  it('answers 503, not a hang', async () => {
    expectUnavailable(await w.http.get('/metrics').timeout(ANSWER_MS));
    expectUnavailable(await w.http.get('/health/ready').timeout(ANSWER_MS));
    await w.http.get('/health/live').timeout(ANSWER_MS).expect(200);
  });
});
