import { FixedClock, KPI_CONSUMER } from '@app/core';
import { Role, TransitionAction as A } from '@app/domain';
import { JobName, OUTBOX_ROUTES, QueueName } from '@app/messaging';
import type { Response } from 'supertest';
import { startTestApp, TestApp } from '../setup/test-app';
import {
  count,
  dropQueues,
  eventually,
  startWorkerOn,
  testQueuePrefix,
  WorkerOnDatabase,
} from '../setup/test-events';

/**
 * K1 from the API's writes to the API's figures, through the real outbox relay and the real
 * KPI consumer in a worker: no roll-up is inserted by hand. Each scenario says how its
 * application ends; the expected counts are summed from this list with plain arithmetic, never
 * by the code under test. Both apps share one FixedClock, moved step by step (March 2026,
 * Asia/Ho_Chi_Minh; procedures of 5 working days).
 */
type Ending = 'early' | 'on_time' | 'late' | 'stopped' | 'withdrawn' | 'open' | 'open_overdue';
type Dept = 'A' | 'B';
type Channel = 'direct' | 'online' | 'postal';
interface Scenario {
  dept: Dept;
  channel: Channel;
  ending: Ending;
}

const SCENARIOS: Scenario[] = [
  { dept: 'A', channel: 'direct', ending: 'early' },
  { dept: 'A', channel: 'direct', ending: 'on_time' },
  { dept: 'A', channel: 'online', ending: 'late' },
  { dept: 'A', channel: 'online', ending: 'early' },
  { dept: 'A', channel: 'postal', ending: 'stopped' },
  { dept: 'A', channel: 'direct', ending: 'withdrawn' },
  { dept: 'A', channel: 'online', ending: 'open' },
  { dept: 'A', channel: 'postal', ending: 'open_overdue' },
  { dept: 'B', channel: 'direct', ending: 'late' },
  { dept: 'B', channel: 'direct', ending: 'late' },
  { dept: 'B', channel: 'online', ending: 'on_time' },
  { dept: 'B', channel: 'postal', ending: 'early' },
  { dept: 'B', channel: 'postal', ending: 'early' },
  { dept: 'B', channel: 'postal', ending: 'on_time' },
  { dept: 'B', channel: 'online', ending: 'stopped' },
  { dept: 'B', channel: 'direct', ending: 'open' },
];

const vn = (day: string, time: string) => new Date(`${day}T${time}:00+07:00`);
const dayOf = (instant: Date | string) =>
  new Date(new Date(instant).getTime() + 7 * 3_600_000).toISOString().slice(0, 10);
const nextDay = (day: string) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

// Mon 2 March: most are received; the 'open' ones on Thu 5 March, so that on Wed 11 March
// (the query) they are still within their deadline while those of 2 March are overdue.
const RECEIVED = vn('2026-03-02', '09:00');
const RECEIVED_LATER = vn('2026-03-05', '09:00');
const STARTED_AFTER_MS = 3_600_000;
const EARLY_AT = vn('2026-03-04', '10:00');
const STOPPED_AT = vn('2026-03-04', '11:00');
const QUERY_AT = vn('2026-03-11', '10:00');
const FROM = '2026-03-01';
const TO = dayOf(QUERY_AT);

interface Figures {
  early: number;
  onTime: number;
  late: number;
  open: number;
  openOverdue: number;
  total: number;
  rate: number | null;
}

/** What the API must answer for these scenarios (definition in OnTimeMetricsService). */
function expected(scenarios: readonly Scenario[]): Figures {
  const n = (ending: Ending) => scenarios.filter((s) => s.ending === ending).length;
  const early = n('early');
  const onTime = n('on_time');
  const late = n('late');
  const openOverdue = n('open_overdue');
  const open = n('open') + openOverdue;
  const total = early + onTime + late + open;
  const good = early + onTime + open - openOverdue;
  const rate = total === 0 ? null : Math.round((good * 10_000) / total) / 100;
  return { early, onTime, late, open, openOverdue, total, rate };
}

function expectedBy<K extends string>(key: (s: Scenario) => K): Map<K, Figures> {
  const out = new Map<K, Figures>();
  for (const k of new Set(SCENARIOS.map(key))) {
    out.set(k, expected(SCENARIOS.filter((s) => key(s) === k)));
  }
  return out;
}

/** Guards on the scenarios themselves: a calendar change must not silently move them. */
function assertTimeline(s: Scenario, dueAt: string): void {
  const dueDay = dayOf(dueAt);
  const fits =
    s.ending === 'open'
      ? dueDay >= TO // still within the deadline on the day of the query
      : dayOf(EARLY_AT) < dueDay && nextDay(dueDay) <= TO; // early is early, late is in range
  if (!fits) {
    throw new Error(`scenario ${JSON.stringify(s)} does not fit its appointment ${dueAt}`);
  }
}

describe('K1 end to end: API → outbox → worker → roll-ups → metrics', () => {
  const clock = new FixedClock(RECEIVED);
  const prefix = testQueuePrefix();
  let t: TestApp;
  let worker: WorkerOnDatabase;
  let admin: string;
  const departments = {} as Record<Dept, string>;
  const procedures = {} as Record<Dept, string>;

  beforeAll(async () => {
    t = await startTestApp({ QUEUE_PREFIX: prefix }, { clock });
    worker = await startWorkerOn(t.config.database.url, { QUEUE_PREFIX: prefix }, { clock });
    admin = await t.tokenFor(Role.Admin);
    for (const dept of ['A', 'B'] as const) {
      const department = await t.factory.department({ name: `Phòng thử nghiệm K1 ${dept}` });
      departments[dept] = department.id;
      procedures[dept] = (
        await t.factory.procedure({ departmentId: department.id, timeLimitValue: 5 })
      ).code;
    }
    await driveScenarios();
    await waitForKpiConsumer();
  }, 90_000);
  afterAll(async () => {
    await worker?.close();
    await dropQueues(prefix, Object.values(QueueName));
    await t?.close();
  });

  const ok = (res: Response, what: string) => {
    if (res.status !== 200 && res.status !== 201) {
      throw new Error(`${what} answered ${res.status}: ${res.text}`);
    }
    return res.body as { id: string; version: number; dueAt: string };
  };
  const intake = async (s: Scenario) =>
    ok(
      await t.http
        .post('/api/v1/applications')
        .set('authorization', `Bearer ${admin}`)
        .send({
          procedureCode: procedures[s.dept],
          channel: s.channel,
          applicant: { fullName: 'Phạm Thị Lan', idNumber: '001203004567', phone: '0912345678' },
        }),
      `intake (${s.dept}, ${s.channel}, ${s.ending})`,
    );
  const act = async (
    app: { id: string; version: number },
    action: A,
    body: Record<string, unknown> = {},
  ) =>
    ok(
      await t.http
        .post(`/api/v1/applications/${app.id}/${action}`)
        .set('authorization', `Bearer ${admin}`)
        .send({ version: app.version, ...body }),
      action,
    );

  /** When and how the scenario ends, given the appointment the API gave it. */
  function ending(
    s: Scenario,
    dueAt: string,
  ): { at: Date; action: A; body?: Record<string, unknown> } | null {
    const dueDay = dayOf(dueAt);
    switch (s.ending) {
      case 'early':
        return { at: EARLY_AT, action: A.MarkResultReady };
      case 'on_time':
        return { at: vn(dueDay, '10:00'), action: A.MarkResultReady };
      case 'late':
        return { at: vn(nextDay(dueDay), '10:00'), action: A.MarkResultReady };
      case 'stopped':
        return {
          at: STOPPED_AT,
          action: A.Stop,
          body: { stopReason: 'rejected', reason: 'Hồ sơ không đủ điều kiện' },
        };
      case 'withdrawn':
        return {
          at: STOPPED_AT,
          action: A.Stop,
          body: { stopReason: 'withdrawn', reason: 'Công dân rút hồ sơ' },
        };
      case 'open':
      case 'open_overdue':
        return null;
    }
  }

  /** Every write in time order across all applications, as it would happen at the desk. */
  async function driveScenarios(): Promise<void> {
    type Step = { at: Date; run: () => Promise<void> };
    const steps: Step[] = [];
    for (const s of SCENARIOS) {
      const receivedAt = s.ending === 'open' ? RECEIVED_LATER : RECEIVED;
      let app: { id: string; version: number; dueAt: string };
      steps.push({
        at: receivedAt,
        run: async () => {
          app = await intake(s);
          assertTimeline(s, app.dueAt);
          const end = ending(s, app.dueAt);
          if (end) {
            steps.push({
              at: end.at,
              run: async () => {
                app = { ...app, ...(await act(app, end.action, end.body)) };
              },
            });
          }
        },
      });
      steps.push({
        at: new Date(receivedAt.getTime() + STARTED_AFTER_MS),
        run: async () => {
          app = { ...app, ...(await act(app, A.Start)) };
        },
      });
    }
    // Steps add later steps as they learn the appointment: take the earliest each time.
    while (steps.length > 0) {
      steps.sort((a, b) => a.at.getTime() - b.at.getTime());
      const step = steps.shift()!;
      clock.set(step.at);
      await step.run();
    }
    clock.set(QUERY_AT);
  }

  /** Until the worker has applied every event routed to the KPI consumer. */
  async function waitForKpiConsumer(): Promise<void> {
    const types = [...OUTBOX_ROUTES.find((r) => r.job === JobName.KpiApplyEvent)!.types];
    const routed = await count(t, `SELECT count(*) AS n FROM outbox_events WHERE type = ANY($1)`, [
      types,
    ]);
    // At least one reception per application and one result or stop per finished one (more
    // if the consumer is ever routed more types): all written before the wait starts.
    const finished = SCENARIOS.filter((s) => !s.ending.startsWith('open')).length;
    if (routed < SCENARIOS.length + finished) {
      throw new Error(`expected ${SCENARIOS.length + finished} routed events, found ${routed}`);
    }
    await eventually(
      () =>
        count(t, `SELECT count(*) AS n FROM consumed_events WHERE consumer = $1`, [KPI_CONSUMER]),
      (n) => n === routed,
      30_000,
    );
  }

  const get = async (path: string, query: Record<string, string>) => {
    const res = await t.http
      .get(`/api/v1/metrics/${path}`)
      .query(query)
      .set('authorization', `Bearer ${await t.tokenFor(Role.Director)}`);
    expect(res.status).toBe(200);
    return res.body;
  };
  // The figures only: rows also carry key and label.
  const pick = (f: Figures): Figures => {
    const { early, onTime, late, open, openOverdue, total, rate } = f;
    return { early, onTime, late, open, openOverdue, total, rate };
  };

  it.each([
    ['department', (s: Scenario): string => departments[s.dept]],
    ['channel', (s: Scenario): string => s.channel],
  ] as const)(
    'GET /metrics/on-time by %s equals the counts of the scenarios',
    async (groupBy, key) => {
      const body = await get('on-time', { from: FROM, to: TO, groupBy });
      const rows = body.rows as Array<Figures & { key: string }>;
      expect(Object.fromEntries(rows.map((r) => [r.key, pick(r)]))).toEqual(
        Object.fromEntries(expectedBy(key)),
      );
      expect(pick(body.total)).toEqual(expected(SCENARIOS));
    },
  );

  it('GET /metrics/summary gives K1 from the same counts', async () => {
    const body = await get('summary', { from: FROM, to: TO });
    const all = expected(SCENARIOS);
    const k1 = (body.kpis as Array<{ code: string }>).find((k) => k.code === 'K1');
    expect(k1).toMatchObject({
      value: all.rate,
      numerator: all.early + all.onTime + all.open - all.openOverdue,
      denominator: all.total,
      status: 'missed',
    });
  });
});
