import {
  FixedClock,
  KPI_CONSUMER,
  KpiReconciliationService,
  PeriodClosingService,
} from '@app/core';
import { Role, TransitionAction as A } from '@app/domain';
import { JobName, OUTBOX_ROUTES, QueueName } from '@app/messaging';
import ExcelJS from 'exceljs';
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
 * K1 by the legal formula, through the real lifecycle (API → outbox → worker) with one moved
 * clock, for several periods: what each counts, as of its end; live while running; frozen
 * once closed; adjusted (never rewritten) after a back-dated correction; re-opened and
 * closed again. Every expected figure below is worked out by hand in the comments from the
 * timeline, not by the code under test. Departments A (5 working days) and B (3 working days).
 */
type Key =
  | 'a1' | 'a2' | 'a3' | 'a4' | 'a5' | 'a6' | 'a7' | 'a8' | 'a9' | 'a10' | 'a11' | 'a12'; // prettier-ignore
const DEPT: Record<Key, 'A' | 'B'> = {
  a1: 'A', a2: 'A', a3: 'A', a4: 'A', a5: 'B', a6: 'B', a7: 'A', a8: 'A', a9: 'B', a10: 'A', a11: 'A', a12: 'B',
}; // prettier-ignore
const CHANNEL: Record<Key, string> = {
  a1: 'direct', a2: 'online', a3: 'direct', a4: 'postal', a5: 'direct', a6: 'online',
  a7: 'direct', a8: 'direct', a9: 'online', a10: 'direct', a11: 'direct', a12: 'direct',
}; // prettier-ignore

const vn = (local: string) => new Date(`${local.replace(' ', 'T')}:00+07:00`);
type Step = [string, Key, 'intake' | A, Record<string, unknown>?];

/**
 * The timeline (local time). Appointments: A received Mon 2/3 → Mon 9/3; B received 2/3 →
 * Thu 5/3; a5 (B) received Wed 25/2 → Mon 2/3; a10 received Mon 30/3 → Mon 6/4; a11 received
 * Tue 31/3 15:30, after the cut-off, so day 0 is Wed 1/4 → Wed 8/4.
 */
const STEPS: Step[] = [
  ['2026-02-25 09:00', 'a5', 'intake'],
  ['2026-02-25 10:00', 'a5', A.Start],
  ...(['a1', 'a2', 'a3', 'a4', 'a6', 'a7', 'a8', 'a9', 'a12'] as Key[]).flatMap((k): Step[] => [
    ['2026-03-02 09:00', k, 'intake'],
    ['2026-03-02 10:00', k, A.Start],
  ]),
  ['2026-03-03 10:00', 'a7', A.RequestSupplement], // never answered
  ['2026-03-03 10:00', 'a8', A.RequestSupplement],
  ['2026-03-03 10:00', 'a12', A.RequestSupplement],
  ['2026-03-03 15:00', 'a12', A.ReceiveSupplement],
  ['2026-03-04 10:00', 'a5', A.MarkResultReady], // due 2/3: late
  ['2026-03-04 10:00', 'a6', A.RequestWithdrawal, { reason: 'Công dân xin rút hồ sơ' }],
  ['2026-03-04 10:00', 'a12', A.RequestSupplement], // a second request: late whatever the dates
  ['2026-03-04 15:00', 'a12', A.ReceiveSupplement],
  ['2026-03-05 10:00', 'a1', A.MarkResultReady], // early
  ['2026-03-05 10:00', 'a12', A.MarkResultReady],
  ['2026-03-06 10:00', 'a1', A.ReturnResult, { deliveryChannel: 'postal' }],
  ['2026-03-09 16:00', 'a2', A.MarkResultReady, { digitallySigned: true }], // on the day; a claim only
  ['2026-03-10 10:00', 'a3', A.MarkResultReady], // late
  ['2026-03-10 10:00', 'a8', A.ReceiveSupplement], // waited 7 days
  ['2026-03-11 10:00', 'a4', A.Stop, { stopReason: 'rejected', reason: 'Không đủ điều kiện' }],
  ['2026-03-13 10:00', 'a8', A.MarkResultReady], // 13/3 − 7 days = 6/3: early
  ['2026-03-16 10:00', 'a6', A.Stop, { stopReason: 'withdrawn', reason: 'Rút theo yêu cầu' }],
  ['2026-03-30 09:00', 'a10', 'intake'],
  ['2026-03-30 10:00', 'a10', A.Start],
  ['2026-03-31 15:30', 'a11', 'intake'],
  ['2026-03-31 16:00', 'a11', A.Start],
  ['2026-04-02 10:00', 'a9', A.MarkResultReady], // due 5/3: late
  ['2026-04-03 10:00', 'a10', A.MarkResultReady], // due 6/4: early
  ['2026-04-08 16:00', 'a11', A.MarkResultReady], // due 8/4: on the day
];
const LIVE_AT = '2026-03-20 12:00';
const END = '2026-05-02 01:00';

/** Only the K1 fields (rows also carry key and label). */
const F = (o: Record<string, unknown>) => ({
  population: o.population,
  carriedOver: o.carriedOver,
  received: o.received,
  resolvedEarly: o.resolvedEarly,
  resolvedOnDay: o.resolvedOnDay,
  resolvedLate: o.resolvedLate,
  stoppedOnTime: o.stoppedOnTime,
  stoppedLate: o.stoppedLate,
  withdrawnOnTime: o.withdrawnOnTime,
  withdrawnLate: o.withdrawnLate,
  awaitingSupplementOnTime: o.awaitingSupplementOnTime,
  awaitingSupplementLate: o.awaitingSupplementLate,
  openOnTime: o.openOnTime,
  openLate: o.openLate,
  onTimeCount: o.onTimeCount,
  rate: o.rate,
});
const figures = (f: Partial<ReturnType<typeof F>>) => {
  const zero = {
    carriedOver: 0, received: 0, resolvedEarly: 0, resolvedOnDay: 0, resolvedLate: 0,
    stoppedOnTime: 0, stoppedLate: 0, withdrawnOnTime: 0, withdrawnLate: 0,
    awaitingSupplementOnTime: 0, awaitingSupplementLate: 0, openOnTime: 0, openLate: 0,
  }; // prettier-ignore
  const c = { ...zero, ...f } as Record<string, number>;
  const population = c.carriedOver + c.received;
  const onTimeCount =
    c.resolvedEarly + c.resolvedOnDay + c.stoppedOnTime + c.withdrawnOnTime +
    c.awaitingSupplementOnTime + c.openOnTime; // prettier-ignore
  const rate = population === 0 ? null : Math.round((onTimeCount * 10_000) / population) / 100;
  return F({ ...c, population, onTimeCount, rate });
};

// March 2026 as of 1/4 00:00. Carried over: a5 (received 25/2). Received: the other 11.
// a1, a8 early; a2 on the day; a3, a5, a12 late; a4 refused after the appointment; a6
// withdrawn, stopped 16/3 after its 5/3 appointment; a7 awaiting its one supplement since 3/3
// (before 9/3: on time); a9 still open, past 5/3; a10, a11 open within their appointments.
const MARCH = figures({
  carriedOver: 1, received: 11, resolvedEarly: 2, resolvedOnDay: 1, resolvedLate: 3, stoppedLate: 1,
  withdrawnLate: 1, awaitingSupplementOnTime: 1, openLate: 1, openOnTime: 2,
}); // prettier-ignore

describe('K1 of periods: the legal population, judged at each period end, frozen once closed', () => {
  const clock = new FixedClock(vn('2026-02-25 08:00'));
  const prefix = testQueuePrefix();
  const env = { QUEUE_PREFIX: prefix, MAX_SUPPLEMENT_REQUESTS: '2', KPI_CLOSE_AFTER_MINUTES: '0' };
  let t: TestApp;
  let worker: WorkerOnDatabase;
  const dept = {} as Record<'A' | 'B', string>;
  const proc = {} as Record<'A' | 'B', string>;
  const apps = {} as Record<Key, { id: string; code: string; version: number }>;
  let director: string;

  beforeAll(async () => {
    t = await startTestApp(env, { clock });
    worker = await startWorkerOn(t.config.database.url, env, { clock });
    director = await t.tokenFor(Role.Director);
    for (const [d, days] of [
      ['A', 5],
      ['B', 3],
    ] as const) {
      dept[d] = (await t.factory.department({ name: `Phòng K1 ${d}` })).id;
      proc[d] = (await t.factory.procedure({ departmentId: dept[d], timeLimitValue: days })).code;
    }
    const live = STEPS.filter(([at]) => vn(at) < vn(LIVE_AT));
    await play(live);
    clock.set(vn(LIVE_AT));
    await kpiCaughtUp();
  }, 120_000);
  afterAll(async () => {
    await worker?.close();
    await dropQueues(prefix, Object.values(QueueName));
    await t?.close();
  });

  const RECEPTION_ACTIONS = new Set<'intake' | A>([
    'intake',
    A.ReceiveSupplement,
    A.RequestWithdrawal,
    A.ReturnResult,
  ]);
  const tokenFor = (action: 'intake' | A, key: Key) =>
    RECEPTION_ACTIONS.has(action)
      ? t.tokenFor(Role.Reception)
      : action === A.Stop
        ? t.tokenFor(Role.Head, dept[DEPT[key]])
        : t.tokenFor(Role.Officer, dept[DEPT[key]]);

  async function play(steps: Step[]): Promise<void> {
    for (const [at, key, action, body] of steps) {
      clock.set(vn(at));
      const token = await tokenFor(action, key);
      const res =
        action === 'intake'
          ? await t.http
              .post('/api/v1/applications')
              .set('authorization', `Bearer ${token}`)
              .send({
                procedureCode: proc[DEPT[key]],
                channel: CHANNEL[key],
                applicant: {
                  fullName: `Người nộp ${key}`,
                  idNumber: '001203004567',
                  phone: '0912345678',
                },
              })
          : await t.http
              .post(`/api/v1/applications/${apps[key].id}/${action}`)
              .set('authorization', `Bearer ${token}`)
              .send({
                version: apps[key].version,
                ...(action === A.RequestSupplement
                  ? { items: ['Bản sao CCCD'], reason: 'Thiếu giấy tờ' }
                  : {}),
                ...(action === A.ReceiveSupplement ? { items: ['Bản sao CCCD'] } : {}),
                ...body,
              });
      if (res.status !== 200 && res.status !== 201) {
        throw new Error(`${key} ${action} at ${at}: ${res.status} ${res.text}`);
      }
      apps[key] = { id: res.body.id, code: res.body.code, version: res.body.version };
    }
  }

  async function kpiCaughtUp(): Promise<void> {
    const types = [...OUTBOX_ROUTES.find((r) => r.job === JobName.KpiApplyEvent)!.types];
    const routed = await count(t, `SELECT count(*) AS n FROM outbox_events WHERE type = ANY($1)`, [
      types,
    ]);
    await eventually(
      () =>
        count(t, `SELECT count(*) AS n FROM consumed_events WHERE consumer = $1`, [KPI_CONSUMER]),
      (n) => n === routed,
      30_000,
    );
  }

  const get = async (path: string, query: Record<string, string>, token = director) => {
    const res = await t.http
      .get(`/api/v1/metrics/${path}`)
      .query(query)
      .set('authorization', `Bearer ${token}`);
    if (res.status !== 200) {
      throw new Error(`${path} ${JSON.stringify(query)}: ${res.status} ${res.text}`);
    }
    return res.body;
  };
  const onTime = (
    from: string,
    to: string,
    groupBy = 'department',
    extra: Record<string, string> = {},
  ) => get('on-time', { from, to, groupBy, ...extra });

  describe('while March runs (20/3 12:00)', () => {
    it('the month so far is live: judged now, a10 and a11 not received yet', async () => {
      // a5 carried over; a1–a4, a6–a9, a12 received. a6 stopped (withdrawn) 16/3, after 5/3.
      const body = await onTime('2026-03-01', '2026-03-31');
      expect(body.basis).toBe('live');
      expect(body.asOf).toBe(vn(LIVE_AT).toISOString());
      expect(F(body.total)).toEqual(
        figures({
          carriedOver: 1, received: 9, resolvedEarly: 2, resolvedOnDay: 1, resolvedLate: 3, stoppedLate: 1,
          withdrawnLate: 1, awaitingSupplementOnTime: 1, openLate: 1,
        }), // prettier-ignore
      );
    });

    it('the live figure and the population computed from the segments agree, one by one', async () => {
      const page = await get('on-time/applications', {
        from: '2026-03-01',
        to: '2026-03-31',
        limit: '500',
      });
      const byCode = Object.fromEntries(
        page.items.map(
          (i: { code: string; category: string; verdict: string; carriedOver: boolean }) => [
            i.code,
            `${i.category}/${i.verdict}${i.carriedOver ? '/carried' : ''}`,
          ],
        ),
      );
      expect(byCode).toEqual({
        [apps.a1.code]: 'resolved/early',
        [apps.a2.code]: 'resolved/on_day',
        [apps.a3.code]: 'resolved/late',
        [apps.a4.code]: 'stopped/late',
        [apps.a5.code]: 'resolved/late/carried',
        [apps.a6.code]: 'withdrawn/late',
        [apps.a7.code]: 'awaiting_supplement/on_time',
        [apps.a8.code]: 'resolved/early',
        [apps.a9.code]: 'open/late',
        [apps.a12.code]: 'resolved/late',
      });
      expect(page.nextCursor).toBeNull();
    });

    it('at risk: the open application past its appointment, not the one waiting for a supplement', async () => {
      const body = await get('at-risk', {});
      expect(body.rows.map((r: { code: string }) => r.code)).toEqual([apps.a9.code]);
    });
  });

  describe('after the end of April (2/5 01:00)', () => {
    beforeAll(async () => {
      await play(STEPS.filter(([at]) => vn(at) >= vn(LIVE_AT)));
      clock.set(vn(END));
      await kpiCaughtUp();
    }, 120_000);

    it('March as of its end: 12 applications, carried over and received, 6 on time', async () => {
      const body = await onTime('2026-03-01', '2026-03-31');
      expect(body.basis).toBe('computed');
      expect(body.asOf).toBe(vn('2026-04-01 00:00').toISOString());
      expect(F(body.total)).toEqual(MARCH);
    });

    it('March by department and by channel: every application in exactly one row', async () => {
      const byDept = await onTime('2026-03-01', '2026-03-31', 'department');
      expect(Object.fromEntries(byDept.rows.map((r: { key: string }) => [r.key, F(r)]))).toEqual({
        // A: a1, a8 early; a2 on the day; a3 late; a4 refused late; a7 awaiting; a10, a11 open.
        [dept.A]: figures({
          received: 8, resolvedEarly: 2, resolvedOnDay: 1, resolvedLate: 1, stoppedLate: 1,
          awaitingSupplementOnTime: 1, openOnTime: 2,
        }), // prettier-ignore
        // B: a5 (carried) and a12 late; a6 withdrawn late; a9 open late.
        [dept.B]: figures({
          carriedOver: 1,
          received: 3,
          resolvedLate: 2,
          withdrawnLate: 1,
          openLate: 1,
        }),
      });
      const byChannel = await onTime('2026-03-01', '2026-03-31', 'channel');
      expect(
        Object.fromEntries(
          byChannel.rows.map((r: { key: string; population: number }) => [r.key, r.population]),
        ),
      ).toEqual({ direct: 8, online: 3, postal: 1 });
      expect(byChannel.rows.find((r: { key: string }) => r.key === 'postal').label).toBe(
        'Bưu chính công ích',
      );
    });

    it('February: a5 open at its end and not yet late (due 2/3)', async () => {
      expect(F((await onTime('2026-02-01', '2026-02-28')).total)).toEqual(
        figures({ received: 1, openOnTime: 1 }),
      );
    });

    it('April: the three carried over from March, each with its real end; a7 (ended 3/3) is not in it', async () => {
      expect(F((await onTime('2026-04-01', '2026-04-30')).total)).toEqual(
        figures({ carriedOver: 3, resolvedEarly: 1, resolvedOnDay: 1, resolvedLate: 1 }),
      );
    });

    it('the administrative March (15/2–14/3) is judged on 14/3: a6 only asked to withdraw (on 4/3, on time)', async () => {
      const body = await onTime('2026-02-15', '2026-03-14');
      expect(F(body.total)).toEqual(
        figures({
          received: 10, resolvedEarly: 2, resolvedOnDay: 1, resolvedLate: 3, stoppedLate: 1,
          withdrawnOnTime: 1, awaitingSupplementOnTime: 1, openLate: 1,
        }), // prettier-ignore
      );
    });

    it('groupBy=month: each month its own population; the total is the range as one period', async () => {
      const body = await onTime('2026-02-01', '2026-04-30', 'month');
      expect(
        body.rows.map((r: { key: string; population: number; label: string }) => [
          r.key,
          r.label,
          r.population,
        ]),
      ).toEqual([
        ['2026-02', 'Tháng 2/2026', 1],
        ['2026-03', 'Tháng 3/2026', 12],
        ['2026-04', 'Tháng 4/2026', 3],
      ]);
      // All 12 received in the range; as of 1/5: a9 resolved late, a10 early, a11 on the day.
      expect(F(body.total)).toEqual(
        figures({
          received: 12, resolvedEarly: 3, resolvedOnDay: 2, resolvedLate: 4, stoppedLate: 1,
          withdrawnLate: 1, awaitingSupplementOnTime: 1,
        }), // prettier-ignore
      );
    });

    it('the summary of March: K1 from the same population; K2, K4, K6, K7 from March receptions', async () => {
      const body = await get('summary', { from: '2026-03-01', to: '2026-03-31' });
      const k = Object.fromEntries(body.kpis.map((x: { code: string }) => [x.code, x]));
      expect(k.K1).toMatchObject({ value: 50, numerator: 6, denominator: 12, status: 'missed' });
      // Received in March and resolved before 1/4: a1 (3 working days), a2 (5), a3 (6), a8 (9), a12 (3).
      expect(k.K2).toMatchObject({ value: 5.2, numerator: 26, denominator: 5 });
      expect(k.K4).toMatchObject({ numerator: 3, denominator: 11, value: 27.27 }); // a2, a6, a9
      // a2 claims a signature but has no result document that verifies: K6 counts only those.
      expect(k.K6).toMatchObject({ numerator: 0, denominator: 1, value: 0 });
      expect(k.K7).toMatchObject({ numerator: 1, denominator: 11, value: 9.09 }); // a4
      expect(k.K7.note).toContain('results returned by post: 1 of 1');
    });

    it('bad input names the field; a head sees only their own department', async () => {
      const bad = await t.http
        .get('/api/v1/metrics/on-time?from=2026-03-31&to=2026-03-01&groupBy=week')
        .set('authorization', `Bearer ${director}`);
      expect(bad.status).toBe(400);
      expect(bad.body.details.map((d: { field: string }) => d.field)).toContain('groupBy');
      const headA = await t.tokenFor(Role.Head, dept.A);
      const own = await get(
        'on-time',
        { from: '2026-03-01', to: '2026-03-31', groupBy: 'department' },
        headA,
      );
      expect(own.rows.map((r: { key: string }) => r.key)).toEqual([dept.A]);
      const other = await t.http
        .get(
          `/api/v1/metrics/on-time?from=2026-03-01&to=2026-03-31&groupBy=department&departmentId=${dept.B}`,
        )
        .set('authorization', `Bearer ${headA}`);
      expect(other.status).toBe(403);
    });

    describe('closing the periods (chốt số liệu)', () => {
      let marchClosure: string;

      beforeAll(async () => {
        const res = await t.http
          .post('/api/v1/metrics/periods/close-ended')
          .set('authorization', `Bearer ${director}`)
          .expect(200);
        const closed = res.body.closed as Array<{
          kind: string;
          type: string;
          from: string;
          id: string;
        }>;
        marchClosure = closed.find(
          (c) => c.kind === 'month' && c.type === 'calendar' && c.from === '2026-03-01',
        )!.id;
        expect(
          closed.find(
            (c) => c.kind === 'quarter' && c.type === 'calendar' && c.from === '2026-01-01',
          ),
        ).toBeDefined();
        // Q2 and the year have not ended: not closed.
        expect(closed.find((c) => c.from === '2026-04-01' && c.kind === 'quarter')).toBeUndefined();
      });

      it('a closed period answers its frozen figures, the same as computed', async () => {
        const body = await onTime('2026-03-01', '2026-03-31');
        expect(body.basis).toBe('frozen');
        expect(body.closure).toMatchObject({
          id: marchClosure,
          formulaVersion: expect.stringMatching(/^k1-/),
          adjustments: [],
        });
        expect(body.closure.settings).toMatchObject({
          granularity: 'day',
          paymentPausesClock: false,
        });
        expect(F(body.total)).toEqual(MARCH);
        const q1 = await onTime('2026-01-01', '2026-03-31');
        expect(q1.basis).toBe('frozen');
        // Q1: the same twelve, all received in it (a5 on 25/2).
        expect(F(q1.total)).toEqual({ ...MARCH, carriedOver: 0, received: 12 });
      });

      it('a second close-ended closes nothing more', async () => {
        const res = await t.http
          .post('/api/v1/metrics/periods/close-ended')
          .set('authorization', `Bearer ${director}`)
          .expect(200);
        expect(res.body.closed).toEqual([]);
      });

      it('a back-dated correction is an adjustment beside the frozen figures, never a rewrite', async () => {
        // a1's reception corrected to Fri 27/2: it now belongs to February (open at its end)
        // and is carried over into March. Q1 does not change (received in Q1 either way).
        await t.db.query(`UPDATE applications SET received_at = $2 WHERE id = $1`, [
          apps.a1.id,
          vn('2026-02-27 09:00'),
        ]);
        await worker.app.get(KpiReconciliationService).reconcile('2026-03-02', '2026-03-06');
        expect(
          await worker.app.get(PeriodClosingService).checkAdjustments(),
        ).toBeGreaterThanOrEqual(2);

        const march = await onTime('2026-03-01', '2026-03-31');
        expect(F(march.total)).toEqual(MARCH);
        expect(march.closure.adjustments).toEqual([
          expect.objectContaining({
            applicationCodes: [apps.a1.code],
            cause: expect.stringContaining('sau khi chốt'),
          }),
        ]);
        const feb = await onTime('2026-02-01', '2026-02-28');
        expect(F(feb.total)).toEqual(figures({ received: 1, openOnTime: 1 }));
        expect(feb.closure.adjustments).toHaveLength(1);
        // Q1's population does not change (received in Q1 either way), but K2 does: a1 took
        // 4 working days from 27/2 instead of 3 from 2/3 — an adjustment too.
        const q1 = await onTime('2026-01-01', '2026-03-31');
        expect(F(q1.total)).toEqual({ ...MARCH, carriedOver: 0, received: 12 });
        expect(q1.closure.adjustments).toHaveLength(1);
        // The population as known today shows the correction.
        const page = await get('on-time/applications', {
          from: '2026-03-01',
          to: '2026-03-31',
          limit: '500',
        });
        expect(page.items.find((i: { code: string }) => i.code === apps.a1.code).carriedOver).toBe(
          true,
        );
      });

      it('a director re-opens March with a reason and closes it again; both closures stay in its history', async () => {
        const reopened = await t.http
          .post(`/api/v1/metrics/periods/${marchClosure}/reopen`)
          .set('authorization', `Bearer ${director}`)
          .send({ reason: 'Điều chỉnh ngày tiếp nhận hồ sơ gửi qua bưu chính' });
        expect(reopened.status).toBe(200);
        expect(reopened.body).toMatchObject({
          inForce: false,
          reopenReason: expect.stringContaining('bưu chính'),
        });
        const computed = await onTime('2026-03-01', '2026-03-31');
        expect(computed.basis).toBe('computed');
        expect(F(computed.total)).toEqual({ ...MARCH, carriedOver: 2, received: 10 });

        const closed = await t.http
          .post('/api/v1/metrics/periods/close')
          .set('authorization', `Bearer ${director}`)
          .send({
            kind: 'month',
            periodType: 'calendar',
            year: 2026,
            n: 3,
            note: 'Chốt lại sau điều chỉnh',
          });
        expect(closed.status).toBe(200);
        const again = await onTime('2026-03-01', '2026-03-31');
        expect(again.basis).toBe('frozen');
        expect(F(again.total)).toEqual({ ...MARCH, carriedOver: 2, received: 10 });
        const history = await get('periods', { year: '2026' });
        const march = history.items.filter(
          (c: { kind: string; periodType: string; from: string }) =>
            c.kind === 'month' && c.periodType === 'calendar' && c.from === '2026-03-01',
        );
        expect(
          march.map((c: { inForce: boolean; closeNote: string | null }) => [
            c.inForce,
            c.closeNote,
          ]),
        ).toEqual([
          [true, 'Chốt lại sau điều chỉnh'],
          [false, null],
        ]);
        const twice = await t.http
          .post('/api/v1/metrics/periods/close')
          .set('authorization', `Bearer ${director}`)
          .send({ kind: 'month', periodType: 'calendar', year: 2026, n: 3 });
        expect(twice.status).toBe(409);
      });

      it('only a director re-opens; an officer may not even read closures', async () => {
        const admin = await t.tokenFor(Role.Admin);
        const res = await t.http
          .post(`/api/v1/metrics/periods/${marchClosure}/reopen`)
          .set('authorization', `Bearer ${admin}`)
          .send({ reason: 'thử' });
        expect(res.status).toBe(403);
        const officer = await t.tokenFor(Role.Officer, dept.A);
        expect(
          (
            await t.http
              .get('/api/v1/metrics/periods?year=2026')
              .set('authorization', `Bearer ${officer}`)
          ).status,
        ).toBe(403);
      });

      it('the quarterly workbook carries the frozen figures, balances on every row and says so', async () => {
        const res = await t.http
          .get('/api/v1/reports/quarter.xlsx?year=2026&n=1')
          .set('authorization', `Bearer ${director}`)
          .buffer(true)
          .parse((response, cb) => {
            const chunks: Buffer[] = [];
            response.on('data', (c: Buffer) => chunks.push(c));
            response.on('end', () => cb(null, Buffer.concat(chunks)));
          })
          .expect(200);
        const wb = new ExcelJS.Workbook();
        await wb.xlsx.load(res.body as ArrayBuffer);
        const ws = wb.getWorksheet('Theo đơn vị')!;
        expect(ws.getCell('A3').text).toMatch(/^Số liệu đã chốt lúc/);
        const header = (ws.getRow(5).values as unknown[]).slice(1);
        expect(header.slice(0, 5)).toEqual([
          'STT',
          'Đơn vị / Thủ tục',
          'Kỳ trước chuyển sang',
          'Tiếp nhận trong kỳ',
          'Tổng số phải giải quyết',
        ]);
        const rows: Record<string, { n: number; cells: unknown[] }> = {};
        const notes: string[] = [];
        ws.eachRow((row, n) => {
          const label = row.getCell(2).value;
          if (n <= 5 || typeof label !== 'string') {
            return;
          }
          if (typeof row.getCell(1).value === 'number' || label === 'Tổng cộng') {
            rows[label] = { n, cells: (row.values as unknown[]).slice(3) };
          } else {
            notes.push(label);
          }
        });
        // The adjustment found after closing (K2 of a1) is printed under the frozen figures.
        expect(notes).toEqual([
          expect.stringMatching(/^Kiểm tra/),
          expect.stringMatching(
            new RegExp(`^Điều chỉnh phát hiện .*${apps.a1.code}.*không thay đổi`),
          ),
        ]);
        // Tổng cộng: carried 0, received 12, total 12, early 2, on day 1, late 3, stopped 0/1,
        // withdrawn 0/1, awaiting 1/0, open 2/1, rate 50, apologies 0.
        expect(rows['Tổng cộng'].cells.slice(0, 15)).toEqual([
          0, 12, 12, 2, 1, 3, 0, 1, 0, 1, 1, 0, 2, 1, 50,
        ]);
        expect(Object.keys(rows).sort()).toEqual(['Phòng K1 A', 'Phòng K1 B', 'Tổng cộng']);
        for (const [label, { n, cells }] of Object.entries(rows)) {
          // Carried over + received = the eleven category columns, and the sheet checks it too.
          const [carried, received, , ...rest] = cells as number[];
          const categories = rest.slice(0, 11).reduce((a, b) => a + b, 0);
          expect({ label, balance: carried + received - categories }).toEqual({
            label,
            balance: 0,
          });
          expect((cells[cells.length - 1] as { formula: string }).formula).toBe(
            `C${n}+D${n}-SUM(F${n}:P${n})`,
          );
        }
      });
    });
  });
});
