import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  ApplicationFilesService,
  CitizenDeadlineSweepService,
  FixedClock,
  OnlineSubmissionService,
  PetitionService,
} from '@app/core';
import { OnlineSubmissionRepository, PetitionAlertRepository } from '@app/database';
import { atLocalTime, PetitionAction, Role } from '@app/domain';
import { QueueName } from '@app/messaging';
import { startTestApp, TestApp } from '../setup/test-app';
import { dropQueues, startWorkerOn, testQueuePrefix, WorkerOnDatabase } from '../setup/test-events';

const vn = (date: string, hour: number) => atLocalTime(date, hour);

/**
 * The citizens' side of the deadline sweep with a moved clock: PAKN reminders one working day
 * before each binding deadline and escalations once it passed (across 30/4–1/5 and a weekend),
 * nothing twice, nothing once a step is done; an online application left unchecked past its
 * legal time is flagged and escalated once, one checked in time never.
 */
describe('citizens’ deadlines: PAKN reminders and escalations, missed online checks', () => {
  let t: TestApp;
  let worker: WorkerOnDatabase;
  let files: string;
  // Wed 29/4/2026 10:00: 30/4 and 1/5 are holidays, then a weekend.
  const clock = new FixedClock(vn('2026-04-29', 10));
  const prefix = testQueuePrefix();
  let desk: { id: string };
  let director: { id: string };
  let officer: { id: string };

  const sweepAt = async (date: string, hour: number) => {
    clock.set(vn(date, hour));
    return worker.app.get(CitizenDeadlineSweepService).sweep();
  };
  const notifications = async (userId: string, kind: string) =>
    (
      await t.db.query<{ title: string; application_id: string | null }>(
        `SELECT title, application_id FROM notifications WHERE user_id = $1 AND kind = $2 ORDER BY id`,
        [userId, kind],
      )
    ).rows;
  const steps = async (petitionId: string) =>
    (await worker.app.get(PetitionAlertRepository).alertsOf(petitionId)).map(
      (a) => `${a.step}:${a.kind}`,
    );

  beforeAll(async () => {
    files = await mkdtemp(path.join(tmpdir(), 'motcua-citizen-deadlines-'));
    t = await startTestApp({ QUEUE_PREFIX: prefix, STORAGE_LOCAL_DIR: files }, { clock });
    worker = await startWorkerOn(
      t.config.database.url,
      { QUEUE_PREFIX: prefix, DATABASE_POOL_SIZE: '3', STORAGE_LOCAL_DIR: files },
      { clock },
    );
    desk = await t.factory.user({ role: Role.Reception });
    director = await t.factory.user({ role: Role.Director });
    officer = await t.factory.user({ role: Role.Officer });
  }, 60_000);

  afterAll(async () => {
    await worker?.close();
    await dropQueues(prefix, Object.values(QueueName));
    await t?.close();
    await rm(files, { recursive: true, force: true });
  });

  it('the sweep walks alertable petitions through their partial index', async () => {
    const sql = worker.app
      .get(PetitionAlertRepository)
      .alertableSql()
      .replace(/\$1::timestamptz/g, 'NULL::timestamptz')
      .replace(/\$2::uuid/g, 'NULL::uuid')
      .replace(/\$3/g, '500');
    const client = await t.db.connect();
    try {
      await client.query('BEGIN');
      await client.query('SET LOCAL enable_seqscan = off');
      const plan = await client.query<{ 'QUERY PLAN': string }>(`EXPLAIN ${sql}`);
      await client.query('ROLLBACK');
      expect(plan.rows.map((r) => r['QUERY PLAN']).join('\n')).toContain('petitions_alertable');
    } finally {
      client.release();
    }
  });

  it('reminds before each PAKN deadline, escalates after it, once, and stops when done', async () => {
    const petitions = t.app.get(PetitionService);
    const receive = (title: string, consentToPublish: boolean) =>
      petitions.receive(
        {
          channel: 'web',
          title,
          content: 'Hồ sơ của tôi chậm trả kết quả.',
          petitioner: {
            fullName: 'Trần Văn Bảo',
            address: '45 Trần Hưng Đạo',
            phone: '0987654321',
          },
          consentToPublish,
        },
        null,
      );
    const left = await receive('Chưa ai xem', false);
    let handled = await receive('Được xử lý và công khai', true);
    const actor = { id: director.id, role: Role.Director, departmentId: null };

    expect(await sweepAt('2026-04-29', 16)).toMatchObject({ ran: true, petitionAlerts: 0 });
    // Sat 2/5: the holidays and the weekend bring nothing.
    expect(await sweepAt('2026-05-02', 12)).toMatchObject({ petitionAlerts: 0 });
    // Mon 4/5: one working day before the refusal deadline (Tue 5/5 17:00), the desk is reminded.
    expect(await sweepAt('2026-05-04', 9)).toMatchObject({ petitionAlerts: 2 });
    expect(await sweepAt('2026-05-04', 9)).toMatchObject({ petitionAlerts: 0 });
    expect(await notifications(desk.id, 'petition_deadline')).toHaveLength(2);
    expect(await notifications(director.id, 'petition_deadline')).toHaveLength(0);

    clock.set(vn('2026-05-04', 10));
    handled = await petitions.act(
      handled.code,
      PetitionAction.Start,
      { version: handled.version },
      actor,
    );
    // Wed 6/5: the untouched one's refusal window has passed (escalated to the directors too);
    // the one in progress only has its answer deadline (22/5), not due yet.
    expect(await sweepAt('2026-05-06', 9)).toMatchObject({ petitionAlerts: 1 });
    expect(await notifications(director.id, 'petition_deadline')).toEqual([
      expect.objectContaining({ title: expect.stringContaining(left.code), application_id: null }),
    ]);

    clock.set(vn('2026-05-06', 10));
    handled = await petitions.act(
      handled.code,
      PetitionAction.Answer,
      { version: handled.version, answer: 'Sở đã chỉ đạo trả kết quả trong tuần.' },
      actor,
    );
    expect(handled.publishDueAt).toEqual(vn('2026-05-08', 17));
    // Fri 8/5: clarify and forward (due 8/5) reminded for the untouched one, publication for the other.
    expect(await sweepAt('2026-05-08', 9)).toMatchObject({ petitionAlerts: 3 });
    // Mon 11/5: all three passed.
    expect(await sweepAt('2026-05-11', 9)).toMatchObject({ petitionAlerts: 3 });

    clock.set(vn('2026-05-11', 10));
    await petitions.act(handled.code, PetitionAction.Publish, { version: handled.version }, actor);
    // Thu 21/5: only the untouched one's answer deadline (Fri 22/5) is left to remind about.
    expect(await sweepAt('2026-05-21', 9)).toMatchObject({ petitionAlerts: 1 });
    expect(await sweepAt('2026-05-25', 9)).toMatchObject({ petitionAlerts: 1 });
    expect(await sweepAt('2026-05-26', 9)).toMatchObject({ petitionAlerts: 0 });

    expect(await steps(left.id)).toEqual([
      'refuse:due_soon',
      'refuse:overdue',
      'clarify:due_soon',
      'forward:due_soon',
      'clarify:overdue',
      'forward:overdue',
      'answer:due_soon',
      'answer:overdue',
    ]);
    expect(await steps(handled.id)).toEqual([
      'refuse:due_soon',
      'publish:due_soon',
      'publish:overdue',
    ]);
    // Officers do not handle PAKN: never paged.
    expect(await notifications(officer.id, 'petition_deadline')).toHaveLength(0);
  }, 60_000);

  it('flags and escalates an online application not checked within the legal time, once', async () => {
    const procedure = await t.factory.procedure({ onlineLevel: 'full' });
    await t.app.get(OnlineSubmissionRepository).setProcedureDocuments(procedure.code, ['Đơn']);
    const uploads = t.app.get(ApplicationFilesService);
    const submit = async () => {
      const file = await uploads.upload(Buffer.from('%PDF-1.4\nđơn'), 'don.pdf');
      return t.app.get(OnlineSubmissionService).submit({
        procedureCode: procedure.code,
        applicant: {
          fullName: 'Lê Thị Hoa',
          idNumber: '001203004567',
          phone: '0912345678',
          email: 'hoa@example.vn',
        },
        files: [{ id: file.id, uploadToken: file.uploadToken, documentName: 'Đơn' }],
      });
    };
    clock.set(vn('2026-06-03', 10)); // Wed: the check is due Thu 4/6 at the end of the day
    const missed = await submit();
    const checked = await submit();
    expect(missed.checkDueAt).toBe(vn('2026-06-04', 17).toISOString());
    const { rows } = await t.db.query<{ id: string; version: number }>(
      `SELECT id, version FROM applications WHERE code = $1`,
      [checked.code],
    );
    const reception = await t.tokenFor(Role.Reception);
    clock.set(vn('2026-06-04', 11));
    const accepted = await t.http
      .post(`/api/v1/applications/${rows[0].id}/receive`)
      .set('authorization', `Bearer ${reception}`)
      .send({ version: rows[0].version });
    expect(accepted.status).toBe(200);

    expect(await sweepAt('2026-06-04', 16)).toMatchObject({ onlineChecksEscalated: 0 });
    expect(await sweepAt('2026-06-05', 8)).toMatchObject({ onlineChecksEscalated: 1 });
    expect(await sweepAt('2026-06-05', 9)).toMatchObject({ onlineChecksEscalated: 0 });

    const { rows: app } = await t.db.query<{ id: string }>(
      `SELECT id FROM applications WHERE code = $1`,
      [missed.code],
    );
    for (const user of [desk, director]) {
      expect(await notifications(user.id, 'online_check_missed')).toEqual([
        expect.objectContaining({
          title: `Hồ sơ trực tuyến ${missed.code} quá hạn kiểm tra, chưa tiếp nhận`,
          application_id: app[0].id,
        }),
      ]);
    }
    const inbox = await t.http
      .get('/api/v1/online-inbox')
      .set('authorization', `Bearer ${reception}`);
    expect(inbox.body).toEqual([
      expect.objectContaining({
        code: missed.code,
        checkOverdue: true,
        checkEscalatedAt: vn('2026-06-05', 8).toISOString(),
      }),
    ]);
  }, 60_000);
});
