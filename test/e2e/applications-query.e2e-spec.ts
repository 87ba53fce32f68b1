import type { ApplicationView } from '@app/core';
import { ApplicationStatus as S, Role, TransitionAction as A } from '@app/domain';
import { startTestApp, TestApp } from '../setup/test-app';
import {
  applicantFor,
  APPLICATIONS,
  closeTestApp,
  createDriver,
  Driver,
  expectError,
} from './support/drive';

const userIdOf = (token: string): string =>
  (JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8')) as { sub: string })
    .sub;

describe('applications API queries', () => {
  let t: TestApp;
  let admin: string;
  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.tokenFor(Role.Admin);
  });
  afterAll(() => closeTestApp(t));

  const list = (query: Record<string, string | number | boolean>, token = admin) =>
    t.http.get(APPLICATIONS).query(query).set('authorization', `Bearer ${token}`);
  const idsOf = (res: { body: { items: ApplicationView[] } }) =>
    res.body.items.map((a) => a.id).sort();
  const setDates = (id: string, dates: { receivedAt?: Date; dueAt?: Date }) =>
    t.db.query(
      `UPDATE applications SET received_at = coalesce($2, received_at), due_at = coalesce($3, due_at)
       WHERE id = $1`,
      [id, dates.receivedAt ?? null, dates.dueAt ?? null],
    );

  describe('GET /applications/:idOrCode', () => {
    it('answers by id and by code with the whole history in order', async () => {
      const d = await createDriver(t);
      const reception = await t.tokenFor(Role.Reception);
      const officer = await t.tokenFor(Role.Officer, d.departmentId);
      const head = await t.tokenFor(Role.Head, d.departmentId);
      let app = (await d.intake(reception)).body as ApplicationView;
      for (const [action, token] of [
        [A.Assign, head],
        [A.Start, officer],
        [A.MarkResultReady, officer],
        [A.ReturnResult, reception],
      ] as const) {
        const res = await d.act(action, app, token);
        expect(res.status).toBe(200);
        app = res.body;
      }

      const byId = await t.http
        .get(`${APPLICATIONS}/${app.id}`)
        .set('authorization', `Bearer ${admin}`);
      const byCode = await t.http
        .get(`${APPLICATIONS}/${app.code}`)
        .set('authorization', `Bearer ${admin}`);

      expect(byId.status).toBe(200);
      expect(byCode.body).toEqual(byId.body);
      expect(byId.body).toMatchObject({ id: app.id, status: 'result_returned', version: 5 });
      const step = (
        action: string,
        from: string | null,
        to: string,
        token: string,
        role: Role,
      ) => ({
        action,
        fromStatus: from,
        toStatus: to,
        actor: { id: userIdOf(token), name: expect.any(String), role },
        at: expect.any(String),
      });
      expect(byId.body.history).toEqual([
        expect.objectContaining(step('receive', null, 'received', reception, Role.Reception)),
        expect.objectContaining(step('assign', 'received', 'received', head, Role.Head)),
        expect.objectContaining(step('start', 'received', 'processing', officer, Role.Officer)),
        expect.objectContaining(
          step('mark-result-ready', 'processing', 'result_ready', officer, Role.Officer),
        ),
        expect.objectContaining(
          step('return-result', 'result_ready', 'result_returned', reception, Role.Reception),
        ),
      ]);
      const times = (byId.body.history as Array<{ at: string }>).map((h) => Date.parse(h.at));
      expect(times).toEqual([...times].sort((a, b) => a - b));
    });

    it.each(['KHONGCO-260101-0001', '00000000-0000-4000-8000-000000000000'])(
      'an unknown id or code (%s) → 404',
      async (key) => {
        const res = await t.http
          .get(`${APPLICATIONS}/${key}`)
          .set('authorization', `Bearer ${admin}`);
        expectError(res, 404, 'NOT_FOUND');
      },
    );
  });

  describe('list filters', () => {
    it('filters by status (one or several), department, procedure and channel', async () => {
      const d = await createDriver(t);
      const other = await createDriver(t);
      const received = await d.driveTo(S.Received);
      const processing = await d.driveTo(S.Processing);
      const submitted = await d.driveTo(S.Submitted); // channel online
      const postal = (
        await d.intake(admin, {
          procedureCode: d.procedureCode,
          channel: 'postal',
          applicant: applicantFor(),
        })
      ).body as ApplicationView;
      const elsewhere = await other.driveTo(S.Processing);
      const mine = { departmentId: d.departmentId };

      expect(idsOf(await list({ ...mine, status: 'processing' }))).toEqual([processing.id]);
      expect(idsOf(await list({ ...mine, status: 'submitted,processing' }))).toEqual(
        [processing.id, submitted.id].sort(),
      );
      expect(idsOf(await list(mine))).toEqual(
        [received.id, processing.id, submitted.id, postal.id].sort(),
      );
      expect(idsOf(await list({ procedureCode: other.procedureCode }))).toEqual([elsewhere.id]);
      expect(idsOf(await list({ ...mine, channel: 'postal' }))).toEqual([postal.id]);
      expect(idsOf(await list({ ...mine, channel: 'online' }))).toEqual([submitted.id]);
      const bad = await list({ status: 'archived', channel: 'fax' });
      expectError(bad, 400, 'VALIDATION_FAILED', ['status', 'channel']);
    });

    it('overdue=true: open applications past their appointment; closed and paused ones excluded', async () => {
      const d = await createDriver(t);
      const late = await d.driveTo(S.Processing);
      const lateButDone = await d.driveTo(S.ResultReady);
      // Waiting for the applicant's supplement: the clock is paused, so it is not overdue.
      const lateButPaused = await d.driveTo(S.SupplementRequested);
      // A payment does not pause the clock unless PAYMENT_PAUSES_CLOCK says so (default false).
      const lateAwaitingPayment = await d.driveTo(S.PaymentRequired);
      const onTime = await d.driveTo(S.Received);
      const yesterday = new Date(Date.now() - 24 * 3600_000);
      for (const app of [late, lateButDone, lateButPaused, lateAwaitingPayment]) {
        await setDates(app.id, { dueAt: yesterday });
      }

      const res = await list({ departmentId: d.departmentId, overdue: true });

      expect(idsOf(res)).toEqual([late.id, lateAwaitingPayment.id].sort());
      expect(idsOf(await list({ departmentId: d.departmentId }))).toContain(onTime.id);
    });

    it('dueBefore and receivedFrom/To (a bare "to" date includes that whole local day)', async () => {
      const d = await createDriver(t);
      const apps = await Promise.all([1, 2, 3].map(() => d.driveTo(S.Received)));
      const at = [
        '2026-03-10T10:00:00+07:00',
        '2026-03-11T10:00:00+07:00',
        '2026-03-12T23:30:00+07:00',
      ];
      for (const [i, app] of apps.entries()) {
        await setDates(app.id, {
          receivedAt: new Date(at[i]),
          dueAt: new Date(Date.parse(at[i]) + 7 * 24 * 3600_000),
        });
      }
      const mine = { departmentId: d.departmentId };

      expect(
        idsOf(await list({ ...mine, receivedFrom: '2026-03-11', receivedTo: '2026-03-12' })),
      ).toEqual([apps[1].id, apps[2].id].sort());
      expect(idsOf(await list({ ...mine, receivedTo: '2026-03-10' }))).toEqual([apps[0].id]);
      expect(idsOf(await list({ ...mine, receivedFrom: '2026-03-12T00:00:00+07:00' }))).toEqual([
        apps[2].id,
      ]);
      expect(idsOf(await list({ ...mine, dueBefore: '2026-03-18T12:00:00+07:00' }))).toEqual(
        [apps[0].id, apps[1].id].sort(),
      );
      const bad = await list({ ...mine, dueBefore: 'tomorrow', receivedFrom: '2026-13-45' });
      expectError(bad, 400, 'VALIDATION_FAILED', ['dueBefore', 'receivedFrom']);
    });

    it('q finds a name with or without accents, and a code', async () => {
      const d = await createDriver(t);
      const duc = await d.driveTo(S.Received, 'Nguyễn Văn Đức');
      const hoa = await d.driveTo(S.Received, 'Nguyễn Thị Hoa');
      const tran = await d.driveTo(S.Received, 'Trần Văn Đức');
      const q = (text: string) => list({ departmentId: d.departmentId, q: text });

      expect(idsOf(await q('nguyen van duc'))).toEqual([duc.id]);
      expect(idsOf(await q('Nguyễn Văn Đức'))).toEqual([duc.id]);
      expect(idsOf(await q('NGUYEN'))).toEqual([duc.id, hoa.id].sort());
      expect(idsOf(await q('văn đức'))).toEqual([duc.id, tran.id].sort());
      expect(idsOf(await q(tran.code))).toEqual([tran.id]);
      expect(idsOf(await q(tran.code.toLowerCase()))).toEqual([tran.id]);
      expect(idsOf(await q('Lê Văn Tám'))).toEqual([]);
      expect(idsOf(await q('100%_'))).toEqual([]);
    });

    it('assignedToMe lists only what is assigned to the caller', async () => {
      const d = await createDriver(t);
      const officer = await t.tokenFor(Role.Officer, d.departmentId);
      const mine = await d.driveTo(S.Processing);
      const notMine = await d.driveTo(S.Processing);
      expect((await d.act(A.Assign, notMine, admin)).status).toBe(200);
      const res = await d.act(A.Assign, mine, admin, {
        version: mine.version,
        officerId: userIdOf(officer),
      });
      expect(res.status).toBe(200);

      expect(idsOf(await list({ assignedToMe: true }, officer))).toEqual([mine.id]);
      expect(idsOf(await list({ departmentId: d.departmentId }, officer))).toEqual(
        [mine.id, notMine.id].sort(),
      );
    });
  });

  describe('keyset pagination', () => {
    /** Five rows: two share one date (ties break on id), one was never received (no dates). */
    async function fiveRows(): Promise<Driver> {
      const d = await createDriver(t);
      const apps = [
        ...(await Promise.all([1, 2, 3, 4].map(() => d.driveTo(S.Received)))),
        await d.driveTo(S.Submitted),
      ];
      const base = Date.parse('2026-04-01T09:00:00+07:00');
      const offsets = [0, 3, 3, 7]; // hours: apps[1] and apps[2] tie
      for (const [i, hours] of offsets.entries()) {
        const receivedAt = new Date(base + hours * 3600_000);
        await setDates(apps[i].id, { receivedAt, dueAt: new Date(receivedAt.getTime() + 5e8) });
      }
      return d;
    }

    it.each([
      { sort: 'receivedAt', direction: 'desc', column: 'received_at' },
      { sort: 'receivedAt', direction: 'asc', column: 'received_at' },
      { sort: 'dueAt', direction: 'asc', column: 'due_at' },
      { sort: 'dueAt', direction: 'desc', column: 'due_at' },
    ])(
      'limit 2 walks 5 rows exactly once, sorted by $sort $direction',
      async ({ sort, direction, column }) => {
        const d = await fiveRows();
        const { rows } = await t.db.query<{ id: string }>(
          `SELECT id FROM applications WHERE department_id = $1
           ORDER BY ${column} ${direction} NULLS LAST, id ASC`,
          [d.departmentId],
        );
        const seen: string[] = [];
        const pages: number[] = [];
        let cursor: string | null = null;
        do {
          const res = await list({
            departmentId: d.departmentId,
            sort,
            direction,
            limit: 2,
            ...(cursor ? { cursor } : {}),
          });
          expect(res.status).toBe(200);
          seen.push(...(res.body.items as ApplicationView[]).map((a) => a.id));
          pages.push(res.body.items.length);
          cursor = res.body.nextCursor as string | null;
        } while (cursor && pages.length < 10);

        expect(pages).toEqual([2, 2, 1]);
        expect(seen).toEqual(rows.map((r) => r.id));
      },
    );

    it.each([
      'not-a-cursor',
      Buffer.from('{"a":1}').toString('base64url'),
      Buffer.from('["2026-01-01T00:00:00Z","1; DROP TABLE applications"]').toString('base64url'),
    ])('a cursor this API did not make (%s) → 400 naming cursor', async (cursor) => {
      expectError(await list({ cursor }), 400, 'VALIDATION_FAILED', ['cursor']);
    });
  });
});
