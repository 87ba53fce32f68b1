import {
  DeadlineAlertService,
  DeadlineSweepService,
  DIGEST_LISTED_ITEMS,
  EmailDigestService,
  FixedClock,
} from '@app/core';
import {
  atLocalTime,
  deadlineAlertTimes,
  overdueByWorkingDaysAt,
  Role,
  suggestNewDueAt,
  toLocalDate,
} from '@app/domain';
import { WorkingCalendarService } from '@app/database';
import { QueueName } from '@app/messaging';
import { JwtService } from '@nestjs/jwt';
import request from 'supertest';
import { startSmtpSink } from '../setup/smtp-sink';
import { startTestApp, TestApp } from '../setup/test-app';
import {
  count,
  dropQueues,
  intakeMany,
  startWorkerOn,
  testQueuePrefix,
  WorkerOnDatabase,
} from '../setup/test-events';

describe('drill: escalations, notifications and e-mail digests across a deadline', () => {
  let t: TestApp;
  let worker: WorkerOnDatabase;
  let sink: Awaited<ReturnType<typeof startSmtpSink>>;
  const clock = new FixedClock(new Date());
  const prefix = testQueuePrefix();
  type TestUser = { id: string; username: string; departmentId: string | null };
  const users: Record<'officer' | 'other' | 'head' | 'director' | 'admin', TestUser> = {} as never;
  let applicationId = '';
  let dueAt: Date;

  beforeAll(async () => {
    sink = await startSmtpSink();
    t = await startTestApp({ QUEUE_PREFIX: prefix });
    worker = await startWorkerOn(
      t.config.database.url,
      {
        DATABASE_POOL_SIZE: '3',
        QUEUE_PREFIX: prefix,
        SMTP_URL: sink.url,
        EMAIL_DAILY_CAP: '2',
        SUPERVISING_OFFICE_EMAIL: 'thanhtra@example.vn',
      },
      { clock },
    );
    await worker.app.getHttpAdapter().getInstance().ready();

    const department = await t.factory.department();
    const make = async (role: Role, departmentId: string | null, email: string | null) => {
      const user = await t.factory.user({ role, departmentId });
      await t.db.query(`UPDATE users SET email = $2 WHERE id = $1`, [user.id, email]);
      return user;
    };
    users.officer = await make(Role.Officer, department.id, 'canbo@example.vn');
    users.other = await make(Role.Officer, department.id, null);
    users.head = await make(Role.Head, department.id, 'truongphong@example.vn');
    users.director = await make(Role.Director, null, 'giamdoc@example.vn');
    users.admin = await make(Role.Admin, null, null);
    const procedure = await t.factory.procedure({ departmentId: department.id, timeLimitValue: 3 });
    applicationId = (await intakeMany(t, procedure.code, 1)).ids[0];
    await t.db.query(`UPDATE applications SET assigned_officer_id = $2 WHERE id = $1`, [
      applicationId,
      users.officer.id,
    ]);
    const { rows } = await t.db.query(`SELECT due_at FROM applications WHERE id = $1`, [
      applicationId,
    ]);
    dueAt = rows[0].due_at;
  });
  afterAll(async () => {
    await worker?.close();
    await dropQueues(prefix, Object.values(QueueName));
    await t?.close();
    await sink?.close();
  });

  const tokenOf = (user: TestUser, role: Role) =>
    t.app.get(JwtService).signAsync({
      sub: user.id,
      username: user.username,
      role,
      departmentId: user.departmentId,
    });
  const escalations = async () =>
    (
      await t.db.query(
        `SELECT level, recipients FROM escalations WHERE application_id = $1 ORDER BY raised_at, id`,
        [applicationId],
      )
    ).rows.map((r) => ({
      level: r.level,
      to: r.recipients.map((x: { userId?: string; email?: string }) => x.userId ?? x.email),
    }));
  const notificationsOf = (userId: string) =>
    count(t, `SELECT count(*) AS n FROM notifications WHERE user_id = $1`, [userId]);

  it('raises levels 1, 2, 3 in order, once each, with the right recipients and one apology draft', async () => {
    const calendars = worker.app.get(WorkingCalendarService);
    const calendar = await calendars.current();
    const times = deadlineAlertTimes(dueAt, calendar, calendars.deadlinePolicy());
    const alerts = worker.app.get(DeadlineAlertService);
    const job = { applicationId, dueAt: dueAt.toISOString() };
    const fireAll = async () => {
      for (const kind of ['due_soon', 'due_now', 'overdue'] as const) {
        await alerts.raise(kind, job);
      }
    };

    // The working day before: the officer, the head and the director are warned while an
    // apology can still be timely, and the apology is drafted.
    clock.set(times.due_soon);
    await fireAll();
    const warned = [users.officer.id, users.head.id, users.director.id];
    expect(await escalations()).toEqual([{ level: 1, to: warned }]);
    expect(await count(t, `SELECT count(*) AS n FROM apology_drafts`)).toBe(1);
    // "Due today" at the start of the due day, not at the deadline.
    expect(times.due_now.getTime()).toBeLessThan(dueAt.getTime());
    clock.set(times.due_now);
    await fireAll();
    expect((await escalations()).map((e) => e.level)).toEqual([1, 2]);
    clock.set(dueAt);
    await fireAll();
    const overdueAt = new Date(dueAt.getTime() + 60_000);
    clock.set(overdueAt);
    await fireAll();
    await fireAll(); // again: nothing new
    expect(await worker.app.get(DeadlineSweepService).sweep()).toMatchObject({ escalated: 0 });
    expect(await escalations()).toEqual([
      { level: 1, to: warned },
      { level: 2, to: [users.officer.id, users.head.id] },
      { level: 3, to: [users.head.id, users.director.id] },
    ]);

    const drafts = await t.db.query(
      `SELECT d.responsible_department_id, d.suggested_new_due_at, d.reason, a.department_id
       FROM apology_drafts d JOIN applications a ON a.id = d.application_id`,
    );
    expect(drafts.rows).toHaveLength(1);
    expect(drafts.rows[0].responsible_department_id).toBe(drafts.rows[0].department_id);
    expect(drafts.rows[0].reason).toBeNull();
    expect(drafts.rows[0].suggested_new_due_at).toEqual(
      suggestNewDueAt({
        now: times.due_soon,
        remainingWorkingDays: 3,
        calendar,
        policy: calendars.deadlinePolicy(),
      }),
    );
    expect(await notificationsOf(users.officer.id)).toBe(2);
    expect(await notificationsOf(users.head.id)).toBe(3);
    expect(await notificationsOf(users.director.id)).toBe(2);
    expect(await notificationsOf(users.other.id)).toBe(0);
  });

  it('raises level 4 after N working days overdue, once, to the director and the supervising office', async () => {
    const calendar = await worker.app.get(WorkingCalendarService).current();
    const level4At = overdueByWorkingDaysAt(dueAt, 2, calendar);
    const sweep = worker.app.get(DeadlineSweepService);
    clock.set(new Date(level4At.getTime() - 60_000));
    expect(await sweep.sweep()).toMatchObject({ ran: true, escalated: 0 });
    clock.set(level4At);
    expect(await sweep.sweep()).toMatchObject({ ran: true, escalated: 1 });
    expect(await sweep.sweep()).toMatchObject({ ran: true, escalated: 0 });
    expect((await escalations()).map((e) => e.level)).toEqual([1, 2, 3, 4]);
    expect((await escalations())[3].to).toEqual([users.director.id, 'thanhtra@example.vn']);
    expect(await count(t, `SELECT count(*) AS n FROM escalations`)).toBe(4);
    expect(await count(t, `SELECT count(*) AS n FROM apology_drafts`)).toBe(1);
    expect(await notificationsOf(users.director.id)).toBe(3);
  });

  it('lets a recipient acknowledge once and refuses others', async () => {
    const head = await tokenOf(users.head, Role.Head);
    const other = await tokenOf(users.other, Role.Officer);
    const director = await tokenOf(users.director, Role.Director);
    const list = async (token: string, query = '?acknowledged=false') =>
      (
        await t.http.get(`/api/v1/escalations${query}`).set('authorization', `Bearer ${token}`)
      ).body.map((e: { level: number }) => e.level);
    expect((await list(head)).sort()).toEqual([1, 2, 3]);
    expect(await list(other)).toEqual([]);
    expect((await list(director)).sort()).toEqual([1, 2, 3, 4]);

    const { rows } = await t.db.query(`SELECT id::text FROM escalations WHERE level = 2`);
    const ack = (token: string) =>
      t.http
        .post(`/api/v1/escalations/${rows[0].id}/acknowledge`)
        .set('authorization', `Bearer ${token}`);
    expect((await ack(other)).status).toBe(403);
    const first = await ack(head);
    expect(first.status).toBe(200);
    expect(first.body.acknowledgedBy).toBe(users.head.id);
    const second = await ack(head);
    expect(second.status).toBe(409);
    expect(second.body.current.acknowledgedBy).toBe(users.head.id);
    expect((await list(head)).sort()).toEqual([1, 3]);
    expect(await list(head, '?acknowledged=true')).toEqual([2]);
  });

  it('shows each user their notifications and marks them read', async () => {
    const officer = await tokenOf(users.officer, Role.Officer);
    const head = await tokenOf(users.head, Role.Head);
    const mine = await t.http
      .get('/api/v1/notifications?unread=true')
      .set('authorization', `Bearer ${officer}`);
    expect(mine.body).toHaveLength(2);
    const soon = mine.body.find((n: { title: string }) => /^Hồ sơ .+ sắp đến hạn$/.test(n.title));
    expect(soon.body).toContain('phiếu xin lỗi');
    expect(
      (
        await t.http
          .post(`/api/v1/notifications/${soon.id}/read`)
          .set('authorization', `Bearer ${head}`)
      ).status,
    ).toBe(404); // not theirs
    const read = await t.http
      .post(`/api/v1/notifications/${soon.id}/read`)
      .set('authorization', `Bearer ${officer}`);
    expect(read.status).toBe(200);
    expect(read.body.readAt).not.toBeNull();
    const all = await t.http
      .post('/api/v1/notifications/read-all')
      .set('authorization', `Bearer ${head}`);
    expect(all.body).toEqual({ marked: 3 });
    const unread = await t.http
      .get('/api/v1/notifications?unread=true')
      .set('authorization', `Bearer ${head}`);
    expect(unread.body).toEqual([]);
  });

  it('mails ONE digest per recipient in office hours, none outside them, up to the daily cap', async () => {
    const calendar = await worker.app.get(WorkingCalendarService).current();
    const day = calendar.nextWorkingDay(toLocalDate(clock.now()));
    const digest = worker.app.get(EmailDigestService);
    clock.set(atLocalTime(day, 20));
    expect(await digest.run()).toMatchObject({ ran: false, sent: 0 });
    expect(sink.mails).toHaveLength(0);

    clock.set(atLocalTime(day, 9));
    expect(await digest.run()).toEqual({ ran: true, sent: 3, items: 8, capped: 0, failed: 0 });
    const to = (address: string) => sink.mails.filter((m) => m.to.includes(address));
    expect(to('canbo@example.vn')).toHaveLength(1);
    expect(to('truongphong@example.vn')).toHaveLength(1);
    expect(to('giamdoc@example.vn')).toHaveLength(1);
    expect(to('truongphong@example.vn')[0].subject).toBe('[Một cửa] 3 hồ sơ cần xử lý');
    expect(to('canbo@example.vn')[0].subject).toBe('[Một cửa] 2 hồ sơ cần xử lý');
    expect(await count(t, `SELECT count(*) AS n FROM notifications WHERE emailed_at IS NULL`)).toBe(
      0,
    );
    expect(await digest.run()).toEqual({ ran: true, sent: 0, items: 0, capped: 0, failed: 0 });

    // Cap 2 a day: a second digest goes out, the third waits for tomorrow.
    const addItem = (userId: string) =>
      t.db.query(
        `INSERT INTO notifications (user_id, kind, application_id, title, body, created_at)
         VALUES ($1, 'escalation', $2, 'Hồ sơ thử', 'Nội dung thử', now())`,
        [userId, applicationId],
      );
    await addItem(users.officer.id);
    expect(await digest.run()).toMatchObject({ sent: 1, capped: 0 });
    await addItem(users.officer.id);
    expect(await digest.run()).toMatchObject({ sent: 0, capped: 1 });
    expect(to('canbo@example.vn')).toHaveLength(2);
    expect(await count(t, `SELECT count(*) AS n FROM email_digests`)).toBe(4);
  });

  it('leaves items unsent when the SMTP send fails, and a later run sends them', async () => {
    await t.db.query(
      `INSERT INTO notifications (user_id, kind, application_id, title, body, created_at)
       VALUES ($1, 'escalation', $2, 'Hồ sơ thử', 'Nội dung thử', now())`,
      [users.head.id, applicationId],
    );
    const digest = worker.app.get(EmailDigestService);
    const before = sink.mails.length;
    sink.setRejecting(true);
    expect(await digest.run()).toMatchObject({ sent: 0, failed: 1, capped: 1 });
    expect(
      await count(
        t,
        `SELECT count(*) AS n FROM notifications WHERE emailed_at IS NULL AND user_id = $1`,
        [users.head.id],
      ),
    ).toBe(1);
    sink.setRejecting(false);
    expect(await digest.run()).toMatchObject({ sent: 1, items: 1, failed: 0 });
    expect(sink.mails.length).toBe(before + 1);
  });

  it('lists the oldest items of a backlog in one digest, counts the rest, and covers them all', async () => {
    const digest = worker.app.get(EmailDigestService);
    const calendar = await worker.app.get(WorkingCalendarService).current();
    // The next working day: today's cap was used above.
    clock.set(atLocalTime(calendar.nextWorkingDay(toLocalDate(clock.now())), 9));
    await t.db.query(
      `INSERT INTO notifications (user_id, kind, application_id, title, body, created_at)
       SELECT $1, 'escalation', $2, 'Hồ sơ tồn số ' || g, 'Nội dung thử', now() FROM generate_series(1, $3) g`,
      [users.director.id, applicationId, DIGEST_LISTED_ITEMS + 25],
    );
    const before = sink.mails.length;
    // Others' items left by the tests above may go too: the director's digest is the one.
    const result = await digest.run();
    expect(result).toMatchObject({ ran: true, failed: 0 });
    expect(result.items).toBeGreaterThanOrEqual(DIGEST_LISTED_ITEMS + 25);
    const mail = sink.mails.slice(before).find((m) => m.to.includes('giamdoc@example.vn'));
    expect(mail?.subject).toBe(`[Một cửa] ${DIGEST_LISTED_ITEMS + 25} hồ sơ cần xử lý`);
    // The body (listed items, the "… và 25 thông báo khác" line) is digest-mail.spec's.
    expect(
      await count(
        t,
        `SELECT count(*) AS n FROM notifications WHERE emailed_at IS NULL AND user_id = $1`,
        [users.director.id],
      ),
    ).toBe(0);
    expect(
      await count(
        t,
        `SELECT item_count AS n FROM email_digests WHERE user_id = $1 ORDER BY id DESC LIMIT 1`,
        [users.director.id],
      ),
    ).toBe(DIGEST_LISTED_ITEMS + 25);
  });

  it('serves Prometheus metrics and guards Bull Board with an admin token', async () => {
    const workerMetrics = await request(worker.app.getHttpServer()).get('/metrics');
    expect(workerMetrics.status).toBe(200);
    expect(workerMetrics.headers['content-type']).toMatch(/^text\/plain/);
    for (const name of [
      'motcua_queue_depth',
      'motcua_outbox_lag_seconds',
      'motcua_job_duration_seconds',
      'motcua_escalations_raised_total{level="4"} 1',
      'motcua_kpi_reconciliation_drift',
    ]) {
      expect(workerMetrics.text).toContain(name);
    }
    const apiMetrics = await t.http.get('/metrics');
    expect(apiMetrics.status).toBe(200);
    expect(apiMetrics.text).toContain('motcua_queue_depth');

    expect((await t.http.get('/admin/queues')).status).toBe(401);
    const officer = await tokenOf(users.officer, Role.Officer);
    expect(
      (await t.http.get('/admin/queues').set('authorization', `Bearer ${officer}`)).status,
    ).toBe(403);
    const admin = await tokenOf(users.admin, Role.Admin);
    const board = await t.http.get('/admin/queues').set('authorization', `Bearer ${admin}`);
    expect(board.status).toBe(200);
    expect(board.text).toContain('<html');
  });
});
