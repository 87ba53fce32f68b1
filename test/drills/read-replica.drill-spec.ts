import { ReadReplica } from '@app/database';
import { Role } from '@app/domain';
import { Client } from 'pg';
import { replicaUrlOf } from '../setup/services';
import { startTestApp, TestApp } from '../setup/test-app';
import { eventually } from '../setup/test-events';

// Long enough that step A's reads all happen inside it on a loaded machine, short enough to
// wait for in step B.
const MAX_LAG_MS = 8000;

/**
 * Drill (issue 14, item 4): the API's lists and metrics read a real streaming replica
 * (`npm run drill:replica` starts it), with read-your-writes. The replica's replay is paused,
 * so what each read sees tells where it was served:
 *   A. a director, who wrote nothing, reads the replica: the new application is not there yet;
 *      the desk officer who just took it in reads the primary and sees it;
 *   B. once the replica lags more than DATABASE_READ_MAX_LAG_MS, everyone reads the primary;
 *   C. replay resumed, the replica serves again and has caught up.
 */
describe('drill: reads on a streaming replica, with read-your-writes', () => {
  let t: TestApp;
  let replica: Client;

  beforeAll(async () => {
    t = await startTestApp({ DATABASE_READ_MAX_LAG_MS: String(MAX_LAG_MS) });
    const url = replicaUrlOf(t.config.database.url);
    if (!url) {
      throw new Error('TEST_READ_REPLICA_URL is not set: run this through `npm run drill:replica`');
    }
    replica = new Client({ connectionString: url });
    await replica.connect();
  });
  afterAll(async () => {
    await replica?.query(`SELECT pg_wal_replay_resume()`).catch(() => undefined);
    await replica?.end();
    await t?.close();
  });

  const codesSeenBy = async (token: string): Promise<string[]> => {
    const res = await t.http
      .get('/api/v1/applications?limit=100')
      .set('authorization', `Bearer ${token}`);
    expect(res.status).toBe(200);
    return (res.body.items as Array<{ code: string }>).map((a) => a.code);
  };

  it('serves lists from the replica, a writer from the primary, and falls back when it lags', async () => {
    const reads = t.app.get(ReadReplica);
    expect(reads.configured).toBe(true);
    const procedure = await t.factory.procedure({ timeLimitValue: 3 });
    const desk = await t.tokenFor(Role.Reception, procedure.departmentId);
    const director = await t.tokenFor(Role.Director);
    // The replica has replayed everything so far (the users, the procedure).
    const ready = Date.now();
    await eventually(
      () => Promise.resolve(reads.coveredUntil()),
      (covered) => covered > ready,
    );
    expect(await codesSeenBy(director)).toEqual([]);

    await replica.query(`SELECT pg_wal_replay_pause()`);
    await eventually(
      async () =>
        (await replica.query<{ s: string }>(`SELECT pg_get_wal_replay_pause_state() AS s`)).rows[0]
          .s,
      (state) => state === 'paused',
    );
    const pausedAt = Date.now();
    // Everything committed before this is on the replica; nothing after it until resumed.
    const coveredAtPause = reads.coveredUntil();
    expect(coveredAtPause).toBeGreaterThan(0);
    const created = await t.http
      .post('/api/v1/applications')
      .set('authorization', `Bearer ${desk}`)
      .send({
        procedureCode: procedure.code,
        channel: 'direct',
        applicant: { fullName: 'Nguyễn Thị Lan', idNumber: '001099000001', phone: '0912345678' },
      });
    expect(created.status).toBe(201);
    const code = created.body.code as string;

    // A: the writer reads its own write (primary); the director reads the paused replica.
    expect(await codesSeenBy(desk)).toEqual([code]);
    expect(await codesSeenBy(director)).toEqual([]);
    const stepA = Date.now() - pausedAt;
    // The director's read above must have happened while the replica still counted as fresh.
    expect(stepA).toBeLessThan(MAX_LAG_MS);

    // B: past the lag limit the replica serves nobody: the director reads the primary.
    const seen = await eventually(
      () => codesSeenBy(director),
      (codes) => codes.length === 1,
      MAX_LAG_MS + 10000,
    );
    expect(seen).toEqual([code]);
    expect(reads.coveredUntil()).toBe(0);
    expect(Date.now() - coveredAtPause).toBeGreaterThanOrEqual(MAX_LAG_MS);

    // C: replay resumed: the replica catches up and serves again.
    await replica.query(`SELECT pg_wal_replay_resume()`);
    const resumed = Date.now();
    await eventually(
      () => Promise.resolve(reads.coveredUntil()),
      (covered) => covered > resumed,
    );
    expect(await codesSeenBy(director)).toEqual([code]);
    console.log(
      `drill: replica paused ${resumed - pausedAt} ms; reads of a non-writer stayed on it ` +
        `${stepA} ms into the pause and moved to the primary past ${MAX_LAG_MS} ms`,
    );
  }, 60000);
});
