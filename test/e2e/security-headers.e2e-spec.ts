import { randomBytes } from 'node:crypto';
import { startTestApp, TestApp } from '../setup/test-app';
import { closeTestApp } from './support/drive';

describe('security headers and exposure', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => closeTestApp(t));

  it.each([
    ['an answer', '/api/v1/health/live', 200],
    ['an error', '/api/v1/applications', 401],
    ['an unknown route', '/api/v1/nothing-here', 404],
  ])('%s of the API is not stored, not sniffed, sends no referrer', async (_, path, status) => {
    const res = await t.http.get(path);
    expect(res.status).toBe(status);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
  });

  it('serves the API docs outside production', async () => {
    expect((await t.http.get('/api/docs/openapi.json')).status).toBe(200);
  });
});

describe('in production', () => {
  let p: TestApp;
  beforeAll(async () => {
    p = await startTestApp({ NODE_ENV: 'production', JWT_SECRET: randomBytes(48).toString('hex') });
  });
  afterAll(() => closeTestApp(p));

  it('does not publish Swagger UI or the OpenAPI document', async () => {
    expect((await p.http.get('/api/docs/openapi.json')).status).toBe(404);
    expect((await p.http.get('/api/docs')).status).toBe(404);
    expect((await p.http.get('/api/v1/health/live')).status).toBe(200);
  });
});
