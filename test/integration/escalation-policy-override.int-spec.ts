import { DeadlineAlertService, DeadlineSweepService, FixedClock } from '@app/core';
import { deadlineAlertTimes, overdueByWorkingDaysAt, Role, suggestNewDueAt } from '@app/domain';
import { WorkingCalendarService } from '@app/database';
import { QueueName } from '@app/messaging';
import { startTestApp, TestApp } from '../setup/test-app';
import {
  dropQueues,
  intakeMany,
  startWorkerOn,
  testQueuePrefix,
  WorkerOnDatabase,
} from '../setup/test-events';

const POLICIES = '/api/v1/escalation-policies';
const MINUTE = 60_000;

/**
 * An override written through the admin API changes what the worker does, and matches what
 * GET /escalation-policies/effective announced. Default: level 4 after 2 working days overdue.
 */
describe('drill: escalation policy overrides applied by the worker', () => {
  let t: TestApp;
  let worker: WorkerOnDatabase;
  const clock = new FixedClock(new Date());
  const prefix = testQueuePrefix();

  beforeAll(async () => {
    const env = {
      QUEUE_PREFIX: prefix,
      ESCALATION_OVERDUE_WORKING_DAYS: '2',
      APOLOGY_DEFAULT_WORKING_DAYS: '5',
    };
    t = await startTestApp(env);
    worker = await startWorkerOn(
      t.config.database.url,
      { DATABASE_POOL_SIZE: '3', ...env },
      { clock },
    );
  });
  afterAll(async () => {
    await worker?.close();
    await dropQueues(prefix, Object.values(QueueName));
    await t?.close();
  });

  /** A department with a head, one procedure (3 working days) and one received application. */
  const setUp = async () => {
    const department = await t.factory.department();
    await t.factory.user({ role: Role.Head, departmentId: department.id });
    const procedure = await t.factory.procedure({ departmentId: department.id, timeLimitValue: 3 });
    const id = (await intakeMany(t, procedure.code, 1)).ids[0];
    const { rows } = await t.db.query(`SELECT due_at FROM applications WHERE id = $1`, [id]);
    return { department, procedure, id, dueAt: rows[0].due_at as Date };
  };
  /** Levels 1 to 3 through the deadline alerts, at one minute past the due time. */
  const makeOverdue = async (app: { id: string; dueAt: Date }) => {
    const calendars = worker.app.get(WorkingCalendarService);
    const times = deadlineAlertTimes(
      app.dueAt,
      await calendars.current(),
      calendars.deadlinePolicy(),
    );
    const alerts = worker.app.get(DeadlineAlertService);
    const job = { applicationId: app.id, dueAt: app.dueAt.toISOString() };
    for (const kind of ['due_soon', 'due_now', 'overdue'] as const) {
      clock.set(new Date(Math.max(times[kind].getTime(), app.dueAt.getTime() + MINUTE)));
      await alerts.raise(kind, job);
    }
    return clock.now();
  };
  const levelsOf = async (id: string) =>
    (
      await t.db.query(`SELECT level FROM escalations WHERE application_id = $1 ORDER BY level`, [
        id,
      ])
    ).rows.map((r) => r.level as number);

  it('raises level 4 at the override threshold of the department, and drafts the apology with the procedure override', async () => {
    const admin = `Bearer ${await t.tokenFor(Role.Admin)}`;
    const overridden = await setUp();
    const plain = await setUp();
    await t.http
      .put(POLICIES)
      .set('authorization', admin)
      .send({ departmentId: overridden.department.id, overdueWorkingDays: 4 })
      .expect(201);
    await t.http
      .put(POLICIES)
      .set('authorization', admin)
      .send({ procedureId: overridden.procedure.id, apologyWorkingDays: 7 })
      .expect(201);
    const announced = await t.http
      .get(`${POLICIES}/effective`)
      .set('authorization', admin)
      .query({ departmentId: overridden.department.id, procedureId: overridden.procedure.id })
      .expect(200);
    expect(announced.body).toMatchObject({
      overdueWorkingDays: { value: 4, source: 'department' },
      apologyWorkingDays: { value: 7, source: 'procedure' },
    });

    const overdueAt = await makeOverdue(overridden);
    await makeOverdue(plain);
    expect(await levelsOf(overridden.id)).toEqual([1, 2, 3]);
    expect(await levelsOf(plain.id)).toEqual([1, 2, 3]);

    const calendars = worker.app.get(WorkingCalendarService);
    const calendar = await calendars.current();
    const { rows: drafts } = await t.db.query(
      `SELECT suggested_new_due_at FROM apology_drafts WHERE application_id = $1`,
      [overridden.id],
    );
    expect(drafts[0].suggested_new_due_at).toEqual(
      suggestNewDueAt({
        now: overdueAt,
        remainingWorkingDays: 7,
        calendar,
        policy: calendars.deadlinePolicy(),
      }),
    );

    const sweep = worker.app.get(DeadlineSweepService);
    const defaultAt = overdueByWorkingDaysAt(plain.dueAt, 2, calendar);
    const overrideAt = overdueByWorkingDaysAt(overridden.dueAt, 4, calendar);

    // Past the default threshold of BOTH applications: only the one without an override
    // reaches level 4 (their due times differ by the seconds between the two intakes).
    const overriddenDefaultAt = overdueByWorkingDaysAt(overridden.dueAt, 2, calendar);
    clock.set(new Date(Math.max(defaultAt.getTime(), overriddenDefaultAt.getTime())));
    await sweep.sweep();
    expect(await levelsOf(plain.id)).toEqual([1, 2, 3, 4]);
    expect(await levelsOf(overridden.id)).toEqual([1, 2, 3]);

    expect(overrideAt.getTime()).toBeGreaterThan(clock.now().getTime() + MINUTE);
    clock.set(new Date(overrideAt.getTime() - MINUTE));
    await sweep.sweep();
    expect(await levelsOf(overridden.id)).toEqual([1, 2, 3]);

    clock.set(overrideAt);
    await sweep.sweep();
    expect(await levelsOf(overridden.id)).toEqual([1, 2, 3, 4]);
  });
});
