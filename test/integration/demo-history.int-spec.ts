import 'reflect-metadata';
import { AppConfig, loadConfig } from '@app/config';
import { dataSourceOptions } from '@app/database';
import { LIFECYCLE, signedResultSql, TransitionAction } from '@app/domain';
import { Pool } from 'pg';
import { DataSource } from 'typeorm';
import {
  DEMO_HISTORY_NOTE,
  DemoHistoryResult,
  generateDemoHistory,
  generateStories,
} from '../../apps/cli/src/demo-history/demo-history';
import { JobName, OUTBOX_ROUTES } from '@app/messaging';
import { seed } from '../../apps/cli/src/seed-demo';
import { createTestDatabase } from '../setup/test-database';

// A fixed anchor and seed: the history is the same on every run of this test.
const NOW = new Date('2026-03-20T04:00:00Z');
const SIZE = 150;
const LOCAL_DAY = (column: string) =>
  `to_char((${column}) AT TIME ZONE 'Asia/Ho_Chi_Minh', 'YYYY-MM-DD')`;

describe('demo history through the real lifecycle code', () => {
  let drop: () => Promise<void>;
  let config: AppConfig;
  let db: Pool;
  let first: DemoHistoryResult;

  beforeAll(async () => {
    const database = await createTestDatabase();
    drop = database.drop;
    config = loadConfig({ NODE_ENV: 'test', DATABASE_URL: database.url, LOG_LEVEL: 'silent' });
    const dataSource = new DataSource(dataSourceOptions(config, { poolSize: 1 }));
    await dataSource.initialize();
    await dataSource.transaction((manager) => seed(manager));
    await dataSource.destroy();
    db = new Pool({ connectionString: database.url, max: 2 });
    db.on('error', () => undefined);
    first = await generateDemoHistory(config, {
      count: SIZE,
      now: NOW,
      seed: 7,
      log: () => undefined,
    });
  }, 300_000);

  afterAll(async () => {
    await db?.end();
    await drop?.();
  });

  const rows = async <T>(sql: string, params: unknown[] = []): Promise<T[]> =>
    (await db.query(sql, params)).rows as T[];

  it('creates the requested number of applications, with every kind of ending', async () => {
    expect(first).toMatchObject({ skipped: false, applications: SIZE });
    const statuses = await rows<{ status: string; n: number }>(
      `SELECT status, count(*)::int AS n FROM applications WHERE note = $1 GROUP BY 1`,
      [DEMO_HISTORY_NOTE],
    );
    const by = Object.fromEntries(statuses.map((r) => [r.status, r.n]));
    expect(Object.values(by).reduce((a, b) => a + b, 0)).toBe(SIZE);
    expect(by.result_returned).toBeGreaterThan(SIZE / 2);
    expect(by.stopped).toBeGreaterThan(0);
    const channels = await rows<{ channel: string }>(
      `SELECT DISTINCT channel FROM applications ORDER BY 1`,
    );
    expect(channels.map((c) => c.channel)).toEqual(['direct', 'online', 'postal']);
    const [late] = await rows<{ late: number; apologized: number; supplemented: number }>(
      `SELECT count(*) FILTER (WHERE o.verdict = 'late')::int AS late,
         count(*) FILTER (WHERE a.apology_count > 0)::int AS apologized,
         count(*) FILTER (WHERE a.supplement_count > 0)::int AS supplemented
       FROM applications a LEFT JOIN kpi_k1_segments o
         ON o.application_id = a.id AND o.valid_to IS NULL AND o.category = 'resolved'`,
    );
    expect(late.late).toBeGreaterThan(0);
    expect(late.apologized).toBeGreaterThan(0);
    expect(late.supplemented).toBeGreaterThan(0);
  });

  it('gives every application a legal lifecycle path, in time order', async () => {
    const history = await rows<{
      application_id: string;
      action: string;
      from_status: string | null;
      to_status: string;
      at: Date;
      status: string;
    }>(
      `SELECT h.application_id, h.action, h.from_status, h.to_status, h.at, a.status
       FROM application_history h JOIN applications a ON a.id = h.application_id
       ORDER BY h.application_id, h.id`,
    );
    const paths = new Map<string, typeof history>();
    for (const h of history) {
      paths.set(h.application_id, [...(paths.get(h.application_id) ?? []), h]);
    }
    expect(paths.size).toBe(SIZE);
    const problems: string[] = [];
    for (const [id, path] of paths) {
      const [start, ...rest] = path;
      // Direct: received at the desk; online and postal: submitted, then received or refused.
      const legalStart =
        start.from_status === null &&
        ((start.action === 'receive' && start.to_status === 'received') ||
          (start.action === 'submit' && start.to_status === 'submitted'));
      if (!legalStart) {
        problems.push(`${id}: starts with ${start.action}`);
      }
      let previous = start;
      for (const h of rest) {
        const rule = LIFECYCLE.find((r) => r.action === (h.action as TransitionAction));
        const legal =
          rule !== undefined &&
          h.from_status === previous.to_status &&
          rule.from.includes(h.from_status as never) &&
          h.to_status === (rule.to ?? h.from_status) &&
          h.at.getTime() >= previous.at.getTime();
        if (!legal) {
          problems.push(`${id}: ${previous.to_status} -(${h.action})-> ${h.to_status}`);
        }
        previous = h;
      }
      if (previous.to_status !== path[0].status) {
        problems.push(`${id}: history ends in ${previous.to_status}, row says ${path[0].status}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('never moves original_due_at: apologies move due_at only', async () => {
    const moved = await rows(
      `SELECT a.code FROM applications a
       JOIN outbox_events e ON e.aggregate_id = a.id AND e.type = 'application.received'
       WHERE a.original_due_at IS DISTINCT FROM (e.payload->>'dueAt')::timestamptz`,
    );
    expect(moved).toEqual([]);
    const apologized = await rows<{ later: boolean; letters: number; apology_count: number }>(
      `SELECT a.due_at > a.original_due_at AS later, a.apology_count,
         (SELECT count(*)::int FROM apologies p WHERE p.application_id = a.id) AS letters
       FROM applications a WHERE a.apology_count > 0`,
    );
    expect(apologized.length).toBeGreaterThan(0);
    expect(apologized.every((a) => a.later && a.letters === a.apology_count)).toBe(true);
  });

  it('fills the KPI roll-ups to exactly what the applications table says', async () => {
    const key = `${LOCAL_DAY('x.at')} || '|' || a.department_id || '|' || a.procedure_id || '|' || a.channel`;
    // Each counter from its own source, classified here in SQL (K1: against the original
    // appointment, less the completed supplement wait, by local day) — not from the consumer.
    const expected = await rows<{ key: string; counter: string; n: number }>(
      `WITH facts AS (
         SELECT received_at AS at, id, 'received' AS counter FROM applications WHERE received_at IS NOT NULL
         UNION ALL
         SELECT a.result_ready_at, a.id, CASE
             WHEN a.supplement_count > 1 OR ${LOCAL_DAY('a.result_ready_at - w.wait')} > ${LOCAL_DAY('a.original_due_at')} THEN 'result_late'
             WHEN ${LOCAL_DAY('a.result_ready_at - w.wait')} < ${LOCAL_DAY('a.original_due_at')} THEN 'result_early'
             ELSE 'result_on_time' END
           FROM applications a CROSS JOIN LATERAL (
             SELECT COALESCE(sum(s.completed_at - s.requested_at), interval '0') AS wait
             FROM application_supplements s WHERE s.application_id = a.id AND s.completed_at IS NOT NULL) w
           WHERE a.result_ready_at IS NOT NULL
         UNION ALL
         SELECT stopped_at, id, 'stopped' FROM applications WHERE stopped_at IS NOT NULL
         UNION ALL
         SELECT stopped_at, id, 'withdrawn' FROM applications WHERE stop_reason = 'withdrawn'
         UNION ALL
         SELECT issued_at, application_id, 'apologies' FROM apologies
         UNION ALL
         SELECT requested_at, application_id, 'supplement_requests' FROM application_supplements
         UNION ALL
         -- K2/K6 counters sit on the reception day's row.
         SELECT received_at, id, 'completed' FROM applications WHERE result_ready_at IS NOT NULL
         UNION ALL
         SELECT a.received_at, a.id, 'completed_signed' FROM applications a
           JOIN application_history h ON h.application_id = a.id AND h.to_status = 'result_ready'
           WHERE ${signedResultSql('h')})
       SELECT ${key} AS key, x.counter, count(*)::int AS n
       FROM facts x JOIN applications a ON a.id = x.id GROUP BY 1, 2`,
    );
    const counters = [
      'received',
      'result_early',
      'result_on_time',
      'result_late',
      'stopped',
      'withdrawn',
      'apologies',
      'supplement_requests',
      'completed',
      'completed_signed',
    ];
    const actual = await rows<Record<string, string | number>>(
      `SELECT to_char(day, 'YYYY-MM-DD') || '|' || department_id || '|' || procedure_id || '|' || channel AS key,
         ${counters.join(', ')} FROM kpi_daily_rollups`,
    );
    const flatten = (list: Array<{ key: string; counter: string; n: number }>) =>
      Object.fromEntries(list.map((r) => [`${r.key}|${r.counter}`, r.n]));
    const fromRollups = actual.flatMap((r) =>
      counters
        .filter((c) => Number(r[c]) !== 0)
        .map((c) => ({ key: String(r.key), counter: c, n: Number(r[c]) })),
    );
    expect(fromRollups.length).toBeGreaterThan(0);
    expect(flatten(fromRollups)).toEqual(flatten(expected));
  });

  it("adds citizens' ratings to returned applications, lower for late ones", async () => {
    const [r] = await rows<{
      n: number;
      misplaced: number;
      late_low: number;
      late: number;
      low: number;
    }>(
      `SELECT count(*)::int AS n,
              count(*) FILTER (WHERE a.status <> 'result_returned' OR r.rated_at < a.returned_at
                                 OR r.rated_at > $1)::int AS misplaced,
              count(*) FILTER (WHERE o.verdict = 'late' AND r.score <= 2)::int AS late_low,
              count(*) FILTER (WHERE o.verdict = 'late')::int AS late,
              count(*) FILTER (WHERE r.score <= 2)::int AS low
       FROM satisfaction_ratings r JOIN applications a ON a.id = r.application_id
       LEFT JOIN kpi_k1_segments o
         ON o.application_id = a.id AND o.valid_to IS NULL AND o.category = 'resolved'`,
      [NOW],
    );
    expect(r.n).toBeGreaterThan(SIZE / 10);
    expect(r.misplaced).toBe(0);
    expect(r.late).toBeGreaterThan(0);
    expect(r.late_low / r.late).toBeGreaterThan(r.low / r.n);
  });

  it('leaves the outbox published, so a worker started later applies nothing again', async () => {
    const [outbox] = await rows<{ unpublished: number; kpi: number; consumed: number }>(
      `SELECT count(*) FILTER (WHERE published_at IS NULL)::int AS unpublished,
         count(*) FILTER (WHERE type = ANY($1))::int AS kpi,
         (SELECT count(*)::int FROM consumed_events WHERE consumer = 'kpi-rollups') AS consumed
       FROM outbox_events`,
      [[...OUTBOX_ROUTES.find((r) => r.job === JobName.KpiApplyEvent)!.types]],
    );
    expect(outbox.unpublished).toBe(0);
    expect(outbox.consumed).toBe(outbox.kpi);
    expect(first.kpiEvents).toBe(outbox.kpi);
  });

  it('adds nothing on a second run', async () => {
    const counts = () =>
      rows(
        `SELECT (SELECT count(*) FROM applications) AS a, (SELECT count(*) FROM application_history) AS h,
           (SELECT count(*) FROM outbox_events) AS o, (SELECT sum(received) FROM kpi_daily_rollups) AS r`,
      );
    const before = await counts();
    const second = await generateDemoHistory(config, {
      count: SIZE,
      now: NOW,
      seed: 7,
      log: () => undefined,
    });
    expect(second.skipped).toBe(true);
    expect(await counts()).toEqual(before);
  });

  it('tells the same stories for the same seed, and other stories for another', () => {
    const procedures = [
      { code: '1.010020', departmentCode: 'KTKD' },
      { code: '9.900001', departmentCode: 'GDTRH' },
    ];
    const tell = (seed: number) =>
      generateStories({ seed, count: 50, procedures, provinceName: 'tỉnh X' });
    expect(tell(42)).toEqual(tell(42));
    expect(tell(43)).not.toEqual(tell(42));
  });
});
