import { randomBytes } from 'node:crypto';
import { Role } from '@app/domain';
import request from 'supertest';
import { OperationsListener } from '../../apps/api/src/operations/operations-listener';
import { freePort } from '../setup/free-port';
import { startTestApp, TestApp } from '../setup/test-app';
import { startTestWorker, TestWorker } from '../setup/test-worker';
import { closeTestApp } from './support/drive';
import { bearer } from './support/sessions';

// /metrics (Prometheus) and the API docs in production: never anonymous on the API's port;
// readable with METRICS_TOKEN or an admin's token, or only on their own address (METRICS_PORT).

const production = (env: Record<string, string> = {}) => ({
  NODE_ENV: 'production',
  JWT_SECRET: randomBytes(48).toString('hex'),
  API_DOCS_IN_PRODUCTION: 'true',
  ...env,
});
const METRICS_TOKEN = randomBytes(24).toString('base64url');
const DOCS = ['/api/docs', '/api/docs/openapi.json'];

describe('production: /metrics and the docs need an admin or METRICS_TOKEN', () => {
  let p: TestApp;
  beforeAll(async () => {
    p = await startTestApp(production({ METRICS_TOKEN }));
  });
  afterAll(() => closeTestApp(p));

  it.each(['/metrics', ...DOCS])('an anonymous GET %s is refused (401)', async (path) => {
    const res = await p.http.get(path);
    expect(res.status).toBe(401);
    expect(res.body.code).toBe('UNAUTHENTICATED');
    expect(res.text).not.toContain('motcua_http_requests_total');
  });

  it('a wrong bearer token is refused; a non-admin is forbidden', async () => {
    await p.http
      .get('/metrics')
      .set(bearer('x'.repeat(40)))
      .expect(401);
    await p.http.get('/metrics').set('authorization', `Basic ${METRICS_TOKEN}`).expect(401);
    const director = await p.tokenFor(Role.Director);
    expect((await p.http.get('/metrics').set(bearer(director))).status).toBe(403);
    expect((await p.http.get('/api/docs/openapi.json').set(bearer(director))).status).toBe(403);
  });

  it('METRICS_TOKEN opens /metrics (Prometheus) and the docs', async () => {
    const res = await p.http.get('/metrics').set(bearer(METRICS_TOKEN)).expect(200);
    expect(res.text).toContain('motcua_http_requests_total');
    const docs = await p.http.get('/api/docs/openapi.json').set(bearer(METRICS_TOKEN));
    expect(docs.status).toBe(200);
    expect(docs.body.openapi).toMatch(/^3\./);
  });

  it("an admin's access token opens them too", async () => {
    const admin = await p.tokenFor(Role.Admin);
    await p.http.get('/metrics').set(bearer(admin)).expect(200);
    for (const path of DOCS) {
      expect((await p.http.get(path).set(bearer(admin))).status).toBe(200);
    }
  });

  it('the rest of the API is not affected', async () => {
    await p.http.get('/api/v1/health/live').expect(200);
    await p.http.get('/api/v1/nothing-here').expect(404);
  });
});

describe('production without METRICS_TOKEN: admins only', () => {
  let p: TestApp;
  beforeAll(async () => {
    p = await startTestApp(production());
  });
  afterAll(() => closeTestApp(p));

  it('refuses anonymous and any bearer but an admin token', async () => {
    expect((await p.http.get('/metrics')).status).toBe(401);
    expect((await p.http.get('/metrics').set(bearer(METRICS_TOKEN))).status).toBe(401);
    await p.http
      .get('/metrics')
      .set(bearer(await p.tokenFor(Role.Admin)))
      .expect(200);
  });
});

describe('METRICS_PORT: /metrics and the docs on their own address only', () => {
  let p: TestApp;
  let base: string;
  const ops = { get: (path: string) => request(base).get(path) };
  beforeAll(async () => {
    p = await startTestApp(production({ METRICS_PORT: String(await freePort()) }));
    const address = await p.app.get(OperationsListener).listen();
    base = `http://127.0.0.1:${address!.port}`;
  });
  afterAll(() => closeTestApp(p));

  it("the API's own port does not serve them, even to an admin", async () => {
    const admin = await p.tokenFor(Role.Admin);
    for (const path of ['/metrics', ...DOCS]) {
      expect((await p.http.get(path).set(bearer(admin))).status).toBe(404);
    }
  });

  it('the operations address serves them, and nothing else', async () => {
    const metrics = await ops.get('/metrics').expect(200);
    expect(metrics.text).toContain('motcua_http_requests_total');
    expect(metrics.headers['content-type']).toContain('text/plain');
    expect((await ops.get('/api/docs/openapi.json').expect(200)).body.openapi).toMatch(/^3\./);
    expect((await ops.get('/api/v1/health/live')).status).toBe(404);
    expect((await ops.get('/admin/queues')).status).toBe(404);
  });
});

describe("the worker's /metrics in production", () => {
  let w: TestWorker;
  beforeAll(async () => {
    w = await startTestWorker(production({ METRICS_TOKEN }));
  });
  afterAll(() => w.close());

  it('refuses anonymous and wrong tokens, answers METRICS_TOKEN; probes stay open', async () => {
    expect((await w.http.get('/metrics')).status).toBe(401);
    expect((await w.http.get('/metrics').set(bearer('y'.repeat(40)))).status).toBe(401);
    const res = await w.http.get('/metrics').set(bearer(METRICS_TOKEN)).expect(200);
    expect(res.text).toContain('motcua_queue_depth');
    await w.http.get('/health/live').expect(200);
  });
});
