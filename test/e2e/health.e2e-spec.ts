import { startTestApp, TestApp } from '../setup/test-app';

describe('health', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('answers live without login', async () => {
    await t.http.get('/api/v1/health/live').expect(200, { status: 'ok' });
  });

  it('reports PostgreSQL and Redis up when ready', async () => {
    const res = await t.http.get('/api/v1/health/ready').expect(200);
    expect(res.body.info).toEqual({ postgres: { status: 'up' }, redis: { status: 'up' } });
  });

  it('refuses a protected route without a token, in the one error shape', async () => {
    const res = await t.http.get('/api/v1/nothing-here').expect(404);
    expect(res.body).toMatchObject({ statusCode: 404, code: 'NOT_FOUND' });
  });
});
