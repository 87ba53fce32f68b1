import { Role } from '@app/domain';
import { QueueName } from '@app/messaging';
import { startTestApp, TestApp } from '../setup/test-app';
import {
  count,
  dropQueues,
  startWorkerOn,
  testQueuePrefix,
  WorkerOnDatabase,
} from '../setup/test-events';

/** The relay is woken by the API's after-commit NOTIFY, not by its (here: ten-minute) poll. */
describe('outbox signal', () => {
  let t: TestApp;
  let worker: WorkerOnDatabase;
  const prefix = testQueuePrefix();

  beforeAll(async () => {
    t = await startTestApp();
    worker = await startWorkerOn(t.config.database.url, {
      QUEUE_PREFIX: prefix,
      OUTBOX_POLL_MS: '600000',
    });
  });
  afterAll(async () => {
    await worker?.close();
    await dropQueues(prefix, Object.values(QueueName));
    await t?.close();
  });

  it('publishes an intake within a second of its commit', async () => {
    const procedureCode = (await t.factory.procedure()).code;
    // Let the relay's first drain (at start) pass, so only the signal can wake it now.
    await new Promise((r) => setTimeout(r, 300));
    const reception = await t.tokenFor(Role.Reception);
    const res = await t.http
      .post('/api/v1/applications')
      .set('authorization', `Bearer ${reception}`)
      .send({
        procedureCode,
        channel: 'online',
        applicant: { fullName: 'Trần Thị Bình', idNumber: '001203004567', phone: '0912345678' },
      })
      .expect(201);
    const started = Date.now();
    const unpublished = () =>
      count(
        t,
        `SELECT count(*) AS n FROM outbox_events WHERE aggregate_id = $1 AND published_at IS NULL`,
        [res.body.id],
      );
    while ((await unpublished()) > 0 && Date.now() - started < 5000) {
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(await unpublished()).toBe(0);
    expect(Date.now() - started).toBeLessThan(1000);
  });
});
