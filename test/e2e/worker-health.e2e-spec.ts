import { startTestWorker, TestWorker } from '../setup/test-worker';

describe('worker health', () => {
  let t: TestWorker;
  beforeAll(async () => {
    t = await startTestWorker();
  });
  afterAll(() => t.close());

  it('answers live', async () => {
    await t.http.get('/health/live').expect(200, { status: 'ok' });
  });

  it('reports PostgreSQL and Redis up when ready', async () => {
    const res = await t.http.get('/health/ready').expect(200);
    expect(res.body).toMatchObject({
      status: 'ok',
      info: { postgres: { status: 'up' }, redis: { status: 'up' } },
    });
  });

  it('serves nothing but the probes', async () => {
    await t.http.get('/api/v1/health/live').expect(404);
  });
});
