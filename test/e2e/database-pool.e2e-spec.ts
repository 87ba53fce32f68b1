import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { startTestApp, TestApp } from '../setup/test-app';
import { closeTestApp, createDriver, Driver, expectError } from './support/drive';

const READY = '/api/v1/health/ready';

/**
 * Issue 9, item 7: a keyed intake used to take a second pool connection inside its
 * transaction; as many of them as the pool had connections waited on each other for ever.
 */
describe('the database pool', () => {
  let t: TestApp;
  let d: Driver;
  beforeAll(async () => {
    // Pool of 5, and a bounded wait for a connection so that a regression (intakes holding every
    // connection while each waits for one more) fails in seconds, not hangs. 10 s, not 3: beside
    // the browser tests on two cores the 40 intakes once took 8.4 s (0.6 s alone), and 12 of
    // them timed out at 3 s.
    t = await startTestApp({ DATABASE_POOL_SIZE: '5', DATABASE_CONNECTION_TIMEOUT_MS: '10000' });
    d = await createDriver(t);
  });
  afterAll(() => closeTestApp(t));

  it('40 concurrent keyed intakes on a pool of 5 all finish, and readiness stays OK', async () => {
    const token = await d.adminToken();
    const started = Date.now();
    const answers = await Promise.all(
      Array.from({ length: 40 }, () =>
        d.intake(token, undefined, { 'idempotency-key': randomUUID() }),
      ),
    );
    const elapsed = Date.now() - started;
    console.log(`40 keyed intakes on a pool of 5: ${elapsed} ms`);

    expect(answers.map((r) => r.status)).toEqual(Array(40).fill(201));
    const { rows } = await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM applications');
    expect(rows[0].n).toBe(40);
    expect((await t.http.get(READY)).status).toBe(200);
  });

  it('a database outage answers 503 (not 500), and the API recovers by itself', async () => {
    const token = await d.adminToken();
    const name = new URL(t.config.database.url).pathname.slice(1);
    const admin = new Client({
      connectionString: t.config.database.url.replace(/\/[^/]+$/, '/postgres'),
    });
    await admin.connect();
    try {
      await admin.query(`ALTER DATABASE ${name} WITH ALLOW_CONNECTIONS false`);
      await admin.query(
        'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()',
        [name],
      );
      const down = await t.http.get('/api/v1/applications').set('authorization', `Bearer ${token}`);
      expectError(down, 503, 'SERVICE_UNAVAILABLE');
      expect(down.body.message).toContain('Cơ sở dữ liệu tạm thời không phản hồi');
    } finally {
      await admin.query(`ALTER DATABASE ${name} WITH ALLOW_CONNECTIONS true`);
      await admin.end();
    }
    const up = await t.http.get('/api/v1/applications').set('authorization', `Bearer ${token}`);
    expect(up.status).toBe(200);
  });
});
