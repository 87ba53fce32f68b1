import { DeadlineSweepService, FixedClock } from '@app/core';
import {
  alertsDueBefore,
  overdueByWorkingDaysDueBefore,
  runningClockStatuses,
  Role,
} from '@app/domain';
import {
  ALERT_CANDIDATES_SQL,
  LEVEL4_CANDIDATES_SQL,
  SweepSession,
  WorkingCalendarService,
} from '@app/database';
import { QueueName } from '@app/messaging';
import { startTestApp, TestApp } from '../setup/test-app';
import {
  count,
  dropQueues,
  startWorkerOn,
  testQueuePrefix,
  WorkerOnDatabase,
} from '../setup/test-events';

const vn = (local: string) => new Date(`${local.replace(' ', 'T')}:00+07:00`);

/** Index names (and no sequential scan of applications) in a JSON plan. */
function planNodes(plan: unknown): string[] {
  const nodes: string[] = [];
  const walk = (node: Record<string, unknown>) => {
    const on = (node['Index Name'] ?? node['Relation Name'] ?? '') as string;
    nodes.push(`${node['Node Type'] as string} ${on}`);
    for (const child of (node.Plans as Array<Record<string, unknown>> | undefined) ?? []) {
      walk(child);
    }
  };
  walk((plan as Array<{ Plan: Record<string, unknown> }>)[0].Plan);
  return nodes;
}

/**
 * The every-minute sweep (issue 14): bounded batches, each its own short transaction, and an
 * indexed "is this level due?" before anything is loaded. More candidates than one batch.
 */
describe('deadline sweep in bounded batches', () => {
  let t: TestApp;
  let worker: WorkerOnDatabase;
  // A Wednesday morning: due soon has come for Thursday's applications, nothing for next week's.
  const now = vn('2026-03-11 10:00');
  const clock = new FixedClock(now);
  const prefix = testQueuePrefix();
  const BATCH = 50;
  const groups = {
    longOverdue: { n: 70, dueAt: vn('2026-02-25 17:00') }, // every alert, and level 4
    dueTomorrow: { n: 40, dueAt: vn('2026-03-12 17:00') }, // due soon only
    nextWeek: { n: 30, dueAt: vn('2026-03-20 17:00') }, // nothing yet
  };

  beforeAll(async () => {
    const env = { QUEUE_PREFIX: prefix, ESCALATION_OVERDUE_WORKING_DAYS: '2' };
    t = await startTestApp(env);
    worker = await startWorkerOn(
      t.config.database.url,
      { ...env, DATABASE_POOL_SIZE: '3', SWEEP_BATCH_SIZE: String(BATCH) },
      { clock },
    );
    const department = await t.factory.department();
    const procedure = await t.factory.procedure({ departmentId: department.id });
    await t.factory.user({ role: Role.Head, departmentId: department.id });
    const insert = (n: number, status: string, dueAt: Date, tag: string) =>
      t.db.query(
        `INSERT INTO applications (id, code, agency_code, department_id, procedure_id, procedure_code, channel,
           status, applicant_full_name, applicant_id_number, applicant_phone, search_text, received_at, due_at,
           original_due_at)
         SELECT gen_random_uuid(), $6 || '-' || g, $1, $2, $3, $4, 'direct', $5, 'Nguyễn Văn A', '001099000001',
                '0912345678', '', $7::timestamptz - interval '10 days', $7, $7
         FROM generate_series(1, $8) g`,
        [department.agencyCode, department.id, procedure.id, procedure.code, status, tag, dueAt, n],
      );
    // A province's proportions: many closed applications the partial index leaves out, and
    // many open ones whose reminders are months away (never loaded by the sweep).
    await insert(10_000, 'result_returned', vn('2026-02-20 17:00'), 'DONE');
    await insert(10_000, 'processing', vn('2026-06-30 17:00'), 'LATER');
    for (const [tag, group] of Object.entries(groups)) {
      await insert(group.n, 'processing', group.dueAt, tag);
    }
    await t.db.query('ANALYZE applications');
  });
  afterAll(async () => {
    await worker?.close();
    await t?.close();
    await dropQueues(prefix, Object.values(QueueName));
  });

  it('asks the partial index, not the table, for the due levels', async () => {
    const calendar = await worker.app.get(WorkingCalendarService).current();
    const policy = worker.app.get(WorkingCalendarService).deadlinePolicy();
    const running = runningClockStatuses(worker.config.rules);
    const bounds = alertsDueBefore(now, calendar, policy);
    const kinds = Object.keys(bounds);
    const alertPlan = await t.db.query(`EXPLAIN (FORMAT JSON) ${ALERT_CANDIDATES_SQL(running)}`, [
      kinds,
      kinds.map((k) => bounds[k as keyof typeof bounds]),
      bounds.due_soon,
      null,
      null,
      BATCH,
    ]);
    const level4Plan = await t.db.query(`EXPLAIN (FORMAT JSON) ${LEVEL4_CANDIDATES_SQL(running)}`, [
      overdueByWorkingDaysDueBefore(now, 2, calendar),
      null,
      null,
      BATCH,
    ]);
    for (const { rows } of [alertPlan, level4Plan]) {
      const nodes = planNodes(rows[0]['QUERY PLAN']);
      expect(nodes.some((n) => / applications_open_due$/.test(n))).toBe(true);
      expect(nodes).not.toContain('Seq Scan applications');
    }
  });

  it('raises every due level once, a batch per short transaction, loading nothing not due', async () => {
    const transactions = jest.spyOn(SweepSession.prototype, 'transaction');
    const sweep = worker.app.get(DeadlineSweepService);

    const first = await sweep.sweep();
    const { longOverdue, dueTomorrow } = groups;
    expect(first).toEqual({
      ran: true,
      // Next week's and later applications are never loaded: no reminder of theirs has come.
      examined: longOverdue.n + dueTomorrow.n,
      raised: longOverdue.n * 3 + dueTomorrow.n,
      escalated: longOverdue.n * 4 + dueTomorrow.n,
      stepAlerts: 0,
    });
    // 110 candidates in batches of 50: three transactions for the alerts, two for level 4
    // (70 candidates), each holding one batch only.
    expect(transactions).toHaveBeenCalledTimes(5);
    transactions.mockRestore();

    expect(await sweep.sweep()).toEqual({
      ran: true,
      examined: 0,
      raised: 0,
      escalated: 0,
      stepAlerts: 0,
    });
    expect(
      await count(
        t,
        `SELECT count(*) AS n FROM escalations e JOIN applications a ON a.id = e.application_id
         WHERE a.code LIKE 'nextWeek-%' OR a.code LIKE 'LATER-%'`,
      ),
    ).toBe(0);
    const levels = await t.db.query<{ tag: string; level: number; n: number }>(
      `SELECT split_part(a.code, '-', 1) AS tag, e.level, count(*)::int AS n
       FROM escalations e JOIN applications a ON a.id = e.application_id
       GROUP BY 1, 2 ORDER BY 1, 2`,
    );
    expect(levels.rows).toEqual([
      { tag: 'dueTomorrow', level: 1, n: 40 },
      { tag: 'longOverdue', level: 1, n: 70 },
      { tag: 'longOverdue', level: 2, n: 70 },
      { tag: 'longOverdue', level: 3, n: 70 },
      { tag: 'longOverdue', level: 4, n: 70 },
    ]);
  });

  it('holds the sweep lock on a session, with no transaction open between batches', async () => {
    // Another replica's sweep waits for nothing and does nothing while the lock is held.
    const holder = await t.db.connect();
    try {
      await holder.query(`SELECT pg_advisory_lock(7300001)`);
      expect(await worker.app.get(DeadlineSweepService).sweep()).toMatchObject({ ran: false });
    } finally {
      await holder.query(`SELECT pg_advisory_unlock(7300001)`);
      holder.release();
    }
    // Released at the end of a run: the next run takes it.
    expect(await worker.app.get(DeadlineSweepService).sweep()).toMatchObject({ ran: true });
    expect(
      await count(
        t,
        `SELECT count(*) AS n FROM pg_locks WHERE locktype = 'advisory' AND objid = 7300001`,
      ),
    ).toBe(0);
  });
});
