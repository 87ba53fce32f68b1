import {
  DeadlineAlertService,
  DeadlineScheduleConsumer,
  DeadlineSweepService,
  EscalationRecipients,
  EscalationService,
  FixedClock,
  StepDeadlineAlertService,
} from '@app/core';
import { deadlineAlertTimes, overdueByWorkingDaysAt, Role } from '@app/domain';
import { WorkingCalendarService } from '@app/database';
import { ApplicationEventType, OutboxEventMessage, QueueName } from '@app/messaging';
import { JwtService } from '@nestjs/jwt';
import { startTestApp, TestApp } from '../setup/test-app';
import {
  count,
  dropQueues,
  intakeMany,
  queueFor,
  startWorkerOn,
  testQueuePrefix,
  WorkerOnDatabase,
} from '../setup/test-events';

/**
 * Liên thông and deadlines, on a moved clock: reminders and escalations follow the application
 * to the department holding it, its step has reminders of its own, and level 4 reaches the
 * supervising office's account in-app.
 */
describe('drill: a handed-over application across its deadlines', () => {
  let t: TestApp;
  let worker: WorkerOnDatabase;
  const clock = new FixedClock(new Date());
  const prefix = testQueuePrefix();
  type U = { id: string; username: string; departmentId: string | null };
  const users = {} as Record<
    'officerA' | 'headA' | 'officerB' | 'headB' | 'director' | 'supervisor',
    U
  >;
  let applicationId = '';
  let dueAt: Date;
  let stepDueAt: Date;

  const tokenOf = (user: U, role: Role) =>
    t.app.get(JwtService).signAsync({
      sub: user.id,
      username: user.username,
      role,
      departmentId: user.departmentId,
    });

  beforeAll(async () => {
    t = await startTestApp({ QUEUE_PREFIX: prefix });
    worker = await startWorkerOn(
      t.config.database.url,
      {
        DATABASE_POOL_SIZE: '3',
        QUEUE_PREFIX: prefix,
        SUPERVISING_OFFICE_EMAIL: 'thanhtra@example.vn',
      },
      { clock },
    );

    const a = (await t.factory.department()).id;
    const b = (await t.factory.department()).id;
    const make = (role: Role, departmentId: string | null) =>
      t.factory.user({ role, departmentId });
    users.officerA = await make(Role.Officer, a);
    users.headA = await make(Role.Head, a);
    users.officerB = await make(Role.Officer, b);
    users.headB = await make(Role.Head, b);
    users.director = await make(Role.Director, null);
    users.supervisor = await make(Role.Supervisor, null);

    const procedure = await t.factory.procedure({ departmentId: a, timeLimitValue: 3 });
    applicationId = (await intakeMany(t, procedure.code, 1)).ids[0];
    // A's officer handles it; then A's head hands it over to B for a one-day step.
    await t.db.query(`UPDATE applications SET assigned_officer_id = $2 WHERE id = $1`, [
      applicationId,
      users.officerA.id,
    ]);
    const { rows } = await t.db.query(`SELECT version, due_at FROM applications WHERE id = $1`, [
      applicationId,
    ]);
    dueAt = rows[0].due_at;
    const res = await t.http
      .post(`/api/v1/applications/${applicationId}/hand-over`)
      .set('authorization', `Bearer ${await tokenOf(users.headA, Role.Head)}`)
      .send({ version: rows[0].version, toDepartmentId: b, budgetWorkingDays: 1 });
    expect(res.status).toBe(200);
    const step = await t.db.query(
      `SELECT due_at FROM application_steps WHERE application_id = $1 AND seq = 1`,
      [applicationId],
    );
    stepDueAt = step.rows[0].due_at;
  });
  afterAll(async () => {
    await worker?.close();
    await dropQueues(prefix, Object.values(QueueName));
    await t?.close();
  });

  const notificationsOf = (user: U, kind: string) =>
    count(t, `SELECT count(*) AS n FROM notifications WHERE user_id = $1 AND kind = $2`, [
      user.id,
      kind,
    ]);
  const escalations = async () =>
    (
      await t.db.query(
        `SELECT level, recipients FROM escalations WHERE application_id = $1 ORDER BY level`,
        [applicationId],
      )
    ).rows.map((r) => ({
      level: r.level,
      to: r.recipients.map((x: { userId?: string; email?: string }) => x.userId ?? x.email),
    }));

  it('the handed_over event schedules the step’s own reminders, once', async () => {
    const { rows } = await t.db.query(
      `SELECT id, type, occurred_at, payload FROM outbox_events
       WHERE aggregate_id = $1 AND type = $2`,
      [applicationId, ApplicationEventType.HandedOver],
    );
    const message: OutboxEventMessage = {
      eventId: rows[0].id,
      type: rows[0].type,
      occurredAt: new Date(rows[0].occurred_at).toISOString(),
      payload: rows[0].payload,
    };
    const consumer = worker.app.get(DeadlineScheduleConsumer);
    // The worker's own relay may have applied it already: either way, never twice.
    await consumer.apply(message);
    expect(await consumer.apply(message)).toBe(false);
    const queue = queueFor(prefix, QueueName.Deadlines);
    try {
      for (const kind of ['due_soon', 'overdue']) {
        const job = await queue.getJob(`${applicationId}-step-1-${kind}`);
        expect(job?.data).toEqual({ applicationId, seq: 1, dueAt: stepDueAt.toISOString() });
      }
    } finally {
      await queue.close();
    }
  });

  it('reminds the holding department of its step, once per kind', async () => {
    const calendars = worker.app.get(WorkingCalendarService);
    const times = deadlineAlertTimes(
      stepDueAt,
      await calendars.current(),
      calendars.deadlinePolicy(),
    );
    const alerts = worker.app.get(StepDeadlineAlertService);
    const job = { applicationId, seq: 1, dueAt: stepDueAt.toISOString() };

    clock.set(new Date(times.due_soon.getTime() - 60_000));
    expect(await alerts.raise('due_soon', job)).toBe('not_yet');
    clock.set(times.due_soon);
    expect(await alerts.raise('due_soon', job)).toBe('raised');
    expect(await alerts.raise('due_soon', job)).toBe('already_raised');
    clock.set(times.overdue);
    expect(await alerts.raise('overdue', job)).toBe('raised');
    expect(await alerts.raise('overdue', { ...job, seq: 2 })).toBe('not_applicable');

    // A's officer is assigned, but B holds it: B's head is told, nobody at A.
    expect(await notificationsOf(users.headB, 'step_deadline')).toBe(2);
    expect(await notificationsOf(users.officerA, 'step_deadline')).toBe(0);
    expect(await notificationsOf(users.headA, 'step_deadline')).toBe(0);
    expect(await count(t, `SELECT count(*) AS n FROM step_deadline_alerts`)).toBe(2);
  });

  it('escalates levels 1-3 to the holding department and the apology draft names it', async () => {
    const calendars = worker.app.get(WorkingCalendarService);
    const times = deadlineAlertTimes(dueAt, await calendars.current(), calendars.deadlinePolicy());
    const alerts = worker.app.get(DeadlineAlertService);
    const job = { applicationId, dueAt: dueAt.toISOString() };
    for (const kind of ['due_soon', 'due_now', 'overdue'] as const) {
      clock.set(times[kind]);
      expect(await alerts.raise(kind, job)).toBe('raised');
    }
    expect(await escalations()).toEqual([
      { level: 1, to: [users.headB.id, users.director.id] },
      { level: 2, to: [users.headB.id] },
      { level: 3, to: [users.headB.id, users.director.id] },
    ]);
    const { rows } = await t.db.query(
      `SELECT responsible_department_id AS "departmentId" FROM apology_drafts WHERE application_id = $1`,
      [applicationId],
    );
    expect(rows).toEqual([{ departmentId: users.headB.departmentId }]);
  });

  it('raises level 4 to the director and the supervisor account, in-app', async () => {
    const calendar = await worker.app.get(WorkingCalendarService).current();
    clock.set(overdueByWorkingDaysAt(dueAt, 2, calendar));
    expect(await worker.app.get(DeadlineSweepService).sweep()).toMatchObject({
      ran: true,
      escalated: 1,
      stepAlerts: 0,
    });
    // The account replaces the configured address, so the office is not mailed twice.
    expect((await escalations())[3]).toEqual({
      level: 4,
      to: [users.director.id, users.supervisor.id],
    });

    const supervisor = await tokenOf(users.supervisor, Role.Supervisor);
    const mine = await t.http
      .get('/api/v1/notifications?unread=true')
      .set('authorization', `Bearer ${supervisor}`);
    expect(mine.status).toBe(200);
    expect(mine.body).toHaveLength(1);
    expect(mine.body[0].title).toMatch(/^Hồ sơ .+ quá hạn 2 ngày làm việc$/);
    const seen = await t.http
      .get('/api/v1/escalations')
      .set('authorization', `Bearer ${supervisor}`);
    expect(seen.body.map((e: { level: number }) => e.level).sort()).toEqual([1, 2, 3, 4]);
    const level4 = seen.body.find((e: { level: number }) => e.level === 4);
    const ack = await t.http
      .post(`/api/v1/escalations/${level4.id}/acknowledge`)
      .set('authorization', `Bearer ${supervisor}`);
    expect(ack.status).toBe(200);
  });

  it('falls back to the configured address when no supervisor account is active', async () => {
    await t.db.query(`UPDATE users SET active = false WHERE id = $1`, [users.supervisor.id]);
    const recipients = await worker.app
      .get(EscalationService)
      .transaction((scope) =>
        worker.app
          .get(EscalationRecipients)
          .forLevel(
            scope,
            4,
            { assignedOfficerId: null, holdingDepartmentId: 'x' },
            'thanhtra@example.vn',
          ),
      );
    expect(recipients.map((r) => r.userId ?? r.email)).toEqual([
      users.director.id,
      'thanhtra@example.vn',
    ]);
  });

  it('a reminder of a step handed on since does nothing', async () => {
    const { rows } = await t.db.query(`SELECT version FROM applications WHERE id = $1`, [
      applicationId,
    ]);
    const res = await t.http
      .post(`/api/v1/applications/${applicationId}/hand-over`)
      .set('authorization', `Bearer ${await tokenOf(users.headB, Role.Head)}`)
      .send({
        version: rows[0].version,
        toDepartmentId: users.headA.departmentId,
        budgetWorkingDays: 1,
      });
    expect(res.status).toBe(200);
    const job = { applicationId, seq: 1, dueAt: stepDueAt.toISOString() };
    expect(await worker.app.get(StepDeadlineAlertService).raise('overdue', job)).toBe(
      'not_applicable',
    );
  });
});
