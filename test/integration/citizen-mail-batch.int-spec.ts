import { Role } from '@app/domain';
import { JobName, QueueName } from '@app/messaging';
import { Queue } from 'bullmq';
import { applicantFor, createDriver, Driver } from '../e2e/support/drive';
import { startSmtpSink } from '../setup/smtp-sink';
import { startTestApp, TestApp } from '../setup/test-app';
import {
  dropQueues,
  eventually,
  queueFor,
  startWorkerOn,
  testQueuePrefix,
  WorkerOnDatabase,
} from '../setup/test-events';

// Online applicants are mailed at each step. The relay hands a batch's online events to the
// mail consumer in one job (outbox route `batched`), not one job each.
describe('citizen mails through the worker: one job per relay batch', () => {
  let t: TestApp;
  let worker: WorkerOnDatabase | undefined;
  let sink: Awaited<ReturnType<typeof startSmtpSink>>;
  let drive: Driver;
  let queue: Queue;
  const prefix = testQueuePrefix();

  beforeAll(async () => {
    sink = await startSmtpSink();
    t = await startTestApp();
    drive = await createDriver(t);
    queue = queueFor(prefix, QueueName.Maintenance);
  });
  afterAll(async () => {
    await queue?.close();
    await worker?.close();
    await dropQueues(prefix, Object.values(QueueName));
    await t?.close();
    await sink?.close();
  });

  it('mails every online applicant once from one job, and nobody else', async () => {
    const desk = await t.tokenFor(Role.Reception);
    const emails = ['a@example.vn', 'b@example.vn', 'c@example.vn', 'd@example.vn', 'e@example.vn'];
    // Committed before the worker starts, so its relay claims all of them in one batch.
    const online = [];
    for (const email of emails) {
      const res = await drive.intake(desk, {
        procedureCode: drive.procedureCode,
        channel: 'online',
        applicant: { ...applicantFor('Nguyễn Văn An'), email },
      });
      expect(res.status).toBe(201);
      online.push(res.body as { id: string; code: string });
    }
    const atDesk = await drive.intake(desk, {
      procedureCode: drive.procedureCode,
      channel: 'direct',
      applicant: { ...applicantFor('Trần Thị Bình'), email: 'desk@example.vn' },
    });
    expect(atDesk.status).toBe(201);

    worker = await startWorkerOn(t.config.database.url, {
      QUEUE_PREFIX: prefix,
      SMTP_URL: sink.url,
    });
    const recorded = await eventually(
      async () =>
        (
          await t.db.query<{ applicationId: string; kind: string }>(
            `SELECT application_id AS "applicationId", kind FROM citizen_mails`,
          )
        ).rows,
      (rows) => rows.length >= emails.length,
    );
    expect(recorded.map((r) => r.applicationId).sort()).toEqual(online.map((a) => a.id).sort());
    expect(new Set(recorded.map((r) => r.kind))).toEqual(new Set(['application.received']));
    expect(sink.mails.map((m) => m.to[0]).sort()).toEqual(emails);
    expect(sink.mails.map((m) => m.subject)).toEqual(
      expect.arrayContaining(online.map((a) => `[Một cửa] Hồ sơ được tiếp nhận — hồ sơ ${a.code}`)),
    );

    const jobs = (
      await queue.getJobs(['completed', 'failed', 'active', 'waiting', 'delayed'])
    ).filter((job) => job.name === String(JobName.CitizenMailApplyEvent));
    expect(jobs).toHaveLength(1);
    const [job] = jobs;
    expect((job.data as { events: unknown[] }).events).toHaveLength(emails.length);
    await eventually(
      async () => (await queue.getJob(job.id!))?.returnvalue as unknown,
      (value) => value !== null && value !== undefined,
    );
    expect((await queue.getJob(job.id!))?.returnvalue).toEqual({ outcomes: { sent: 5 } });
  });
});
