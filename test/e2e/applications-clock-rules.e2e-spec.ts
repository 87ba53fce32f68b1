import ExcelJS from 'exceljs';
import type { ApplicationView } from '@app/core';
import { FixedClock } from '@app/core';
import { ApplicationStatus as S, Role, TransitionAction as A } from '@app/domain';
import { startTestApp, TestApp } from '../setup/test-app';
import { createDriver, Driver, expectError } from './support/drive';

/**
 * Issue 15, the clocks, through the HTTP API on a moved clock, with a province whose office
 * hours end at 16:30 and that has a 12:00–13:00 lunch break (so nothing here can pass on a
 * hard-coded 17:00): the supplement window (point 1), apology bounds and timeliness (points
 * 2, 12), the lunch break in hour limits (point 9) and the report columns that count them.
 */
const vn = (local: string) => new Date(`${local.replace(' ', 'T')}:00+07:00`);
const iso = (local: string) => vn(local).toISOString();

const binary = (response: unknown, cb: (err: Error | null, body: Buffer) => void) => {
  const res = response as NodeJS.ReadableStream;
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
};

describe('clock rules (issue 15) through the API', () => {
  let t: TestApp;
  let d: Driver;
  let oneDay: Driver;
  let admin: string;
  const clock = new FixedClock(vn('2026-03-02 09:00'));

  beforeAll(async () => {
    t = await startTestApp(
      {
        OFFICE_HOURS_END: '16:30',
        LUNCH_BREAK_START: '12:00',
        LUNCH_BREAK_END: '13:00',
        APOLOGY_MAX_EXTENSION_WORKING_DAYS: '10',
      },
      { clock },
    );
    d = await createDriver(t, { timeLimitValue: 5 });
    oneDay = await createDriver(t, { timeLimitValue: 1 });
    admin = await d.adminToken();
  });
  afterAll(() => t?.close());

  const act = async (
    driver: Driver,
    action: A,
    app: ApplicationView,
    token: string,
    body: Record<string, unknown> = {},
  ) => driver.act(action, app, token, { ...(await driver.bodyFor(action, app)), ...body });
  const ok = async (
    driver: Driver,
    action: A,
    app: ApplicationView,
    token: string,
    body: Record<string, unknown> = {},
  ) => {
    const res = await act(driver, action, app, token, body);
    expect({ status: res.status, body: res.status === 200 ? null : res.body }).toEqual({
      status: 200,
      body: null,
    });
    return res.body as ApplicationView;
  };
  const lastHistory = async (id: string, action: A) =>
    (
      await t.db.query<{ payload: Record<string, unknown>; actor_role: string }>(
        `SELECT payload, actor_role FROM application_history
         WHERE application_id = $1 AND action = $2 ORDER BY id DESC LIMIT 1`,
        [id, action],
      )
    ).rows[0];
  const report = async (kind: string, year: number, n: number) => {
    const res = await t.http
      .get(`/api/v1/reports/${kind}.xlsx?year=${year}&n=${n}`)
      .set('Authorization', `Bearer ${admin}`)
      .buffer(true)
      .parse(binary)
      .expect(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.body as ArrayBuffer);
    const ws = wb.getWorksheet('Theo đơn vị')!;
    const header = ws.getRow(5);
    const column = (name: string) =>
      Array.from({ length: header.cellCount }, (_, i) => header.getCell(i + 1).value).indexOf(
        name,
      ) + 1;
    let total = 0;
    ws.eachRow((row, n) => {
      if (row.getCell(2).value === 'Tổng cộng') {
        total = n;
      }
    });
    return (name: string) => ws.getRow(total).getCell(column(name)).value;
  };

  describe('point 1: the supplement request window (3 working days from reception)', () => {
    let app: ApplicationView;

    it('issue 15 example: received Mon 2/3 09:00, due Mon 9/3 at the configured 16:30', async () => {
      clock.set(vn('2026-03-02 09:00'));
      app = await d.driveTo(S.Processing);
      expect(app.dueAt).toBe(iso('2026-03-09 16:30'));
    });

    it('a request on Fri 6/3 (4 working days after) is refused with 409 naming the reason, nothing changed', async () => {
      clock.set(vn('2026-03-06 16:00'));
      const before = await d.snapshot(app.id);
      const res = await act(d, A.RequestSupplement, app, admin);
      expectError(res, 409, 'LIMIT_REACHED', ['lateOverrideReason']);
      expect(res.body.details[0].reason).toContain('window of 3 working days');
      expect(res.body.current).toMatchObject({ status: 'processing', version: app.version });
      expect(await d.snapshot(app.id)).toEqual(before);
    });

    it('an officer may not override it (403); a head may, and the override is in history', async () => {
      const officer = await t.tokenFor(Role.Officer, d.departmentId);
      const lateOverrideReason = 'Cơ quan phối hợp phát hiện thiếu văn bằng sau thời hạn';
      const refused = await act(d, A.RequestSupplement, app, officer, { lateOverrideReason });
      expectError(refused, 403, 'FORBIDDEN', ['lateOverrideReason']);

      const head = await t.tokenFor(Role.Head, d.departmentId);
      app = await ok(d, A.RequestSupplement, app, head, { lateOverrideReason });
      expect(app.status).toBe('supplement_requested');
      const history = await lastHistory(app.id, A.RequestSupplement);
      expect(history.actor_role).toBe('head');
      expect(history.payload).toMatchObject({
        late: 'after_window',
        windowEndsAt: iso('2026-03-05 16:30'),
        lateOverride: { reason: lateOverrideReason },
        clockRule: 'pause',
      });
      const row = await t.db.query(
        `SELECT late_because, late_override_reason, clock_rule FROM application_supplements WHERE application_id = $1`,
        [app.id],
      );
      expect(row.rows).toEqual([
        {
          late_because: 'after_window',
          late_override_reason: lateOverrideReason,
          clock_rule: 'pause',
        },
      ]);
    });

    it('the supplement on Mon 9/3 10:00 keeps the date plus the pause (Tue 10/3 10:30), no restart to 16/3', async () => {
      clock.set(vn('2026-03-09 10:00'));
      app = await ok(d, A.ReceiveSupplement, app, admin);
      // Paused Fri 16:00–16:30 and Mon 07:30–10:00: 3 working hours after Mon 16:30.
      expect(app.dueAt).toBe(iso('2026-03-10 10:30'));
      expect(app.originalDueAt).toBe(iso('2026-03-09 16:30'));
      expect((await lastHistory(app.id, A.ReceiveSupplement)).payload).toMatchObject({
        clockRule: 'pause',
        dueAt: iso('2026-03-10 10:30'),
      });
    });

    it('a request in the window still restarts the time limit', async () => {
      clock.set(vn('2026-03-02 09:00'));
      let inTime = await d.driveTo(S.Processing);
      clock.set(vn('2026-03-05 16:30')); // the window's last minute
      inTime = await ok(d, A.RequestSupplement, inTime, admin);
      clock.set(vn('2026-03-06 09:00'));
      inTime = await ok(d, A.ReceiveSupplement, inTime, admin);
      expect(inTime.dueAt).toBe(iso('2026-03-13 16:30'));
    });

    it('a request after the due date: same rule, and the due date stays (no escape from the apology)', async () => {
      clock.set(vn('2026-03-02 09:00'));
      let late = await oneDay.driveTo(S.Processing);
      expect(late.dueAt).toBe(iso('2026-03-03 16:30'));
      clock.set(vn('2026-03-04 09:00'));
      const refused = await act(oneDay, A.RequestSupplement, late, admin);
      expectError(refused, 409, 'LIMIT_REACHED', ['lateOverrideReason']);
      expect(refused.body.details[0].reason).toContain('due date');
      const head = await t.tokenFor(Role.Head, oneDay.departmentId);
      late = await ok(oneDay, A.RequestSupplement, late, head, {
        lateOverrideReason: 'Thiếu giấy tờ phát hiện khi thẩm định',
      });
      expect((await lastHistory(late.id, A.RequestSupplement)).payload).toMatchObject({
        late: 'after_due_date',
      });
      clock.set(vn('2026-03-06 09:00'));
      late = await ok(oneDay, A.ReceiveSupplement, late, admin);
      expect(late.dueAt).toBe(iso('2026-03-03 16:30'));
    });

    it('the monthly report counts the late requests accepted by override', async () => {
      const cell = await report('month', 2026, 3);
      expect(cell('Yêu cầu bổ sung quá thời hạn')).toBe(2);
    });
  });

  describe('point 9: limits in hours leave out the configured lunch break', () => {
    it('8 working hours from Mon 10:00 end Tue 10:00 (2 h + 3.5 h + 2.5 h), not 09:00', async () => {
      const dept = await t.factory.department();
      const procedure = await t.factory.procedure({
        departmentId: dept.id,
        timeLimitValue: 8,
        timeLimitUnit: 'hours',
      });
      clock.set(vn('2026-03-02 10:00'));
      const res = await d.intake(admin, {
        procedureCode: procedure.code,
        channel: 'direct',
        applicant: { fullName: 'Lê Văn Cường', idNumber: '001203004568', phone: '0912345679' },
      });
      expect(res.status).toBe(201);
      expect(res.body.dueAt).toBe(iso('2026-03-03 10:00'));
    });
  });

  describe('point 12: the new date of an apology', () => {
    let app: ApplicationView;
    let second: ApplicationView;

    it('received Tue 10/2/2026, 5 working days over Tết: due Tue 24/2 16:30', async () => {
      clock.set(vn('2026-02-10 09:00'));
      app = await d.driveTo(S.Processing);
      second = await d.driveTo(S.Processing);
      expect(app.dueAt).toBe(iso('2026-02-24 16:30'));
    });

    it.each([
      ['a day of Tết', '2026-02-18', 'newDueAt', '2026-02-18 is not a working day'],
      ['a Sunday', '2026-03-01T16:30:00+07:00', 'newDueAt', 'not a working day'],
      ['17:00 where office hours end at 16:30', '2026-02-25T17:00:00+07:00', 'newDueAt', '16:30'],
      ['beyond APOLOGY_MAX_EXTENSION_WORKING_DAYS (10)', '2026-03-11', 'newDueAt', 'at most 10'],
    ])('%s (%s) → 400 naming %s', async (_label, newDueAt, field, reason) => {
      clock.set(vn('2026-02-12 10:00'));
      const before = await d.snapshot(app.id);
      const res = await act(d, A.Apologize, app, admin, { newDueAt });
      expectError(res, 400, 'VALIDATION_FAILED', [field]);
      expect(res.body.details[0].reason).toContain(reason);
      expect(await d.snapshot(app.id)).toEqual(before);
    });

    it('a department that never held the application → 400 naming responsibleDepartmentId', async () => {
      const stranger = (await t.factory.department()).id;
      const res = await act(d, A.Apologize, app, admin, {
        newDueAt: '2026-03-10',
        responsibleDepartmentId: stranger,
      });
      expectError(res, 400, 'VALIDATION_FAILED', ['responsibleDepartmentId']);
    });

    it('a bare date is the configured end of office hours; sent on 12/2 the apology is timely', async () => {
      clock.set(vn('2026-02-12 10:00'));
      app = await ok(d, A.Apologize, app, admin, { newDueAt: '2026-03-10' });
      expect(app.dueAt).toBe(iso('2026-03-10 16:30'));
      expect((await lastHistory(app.id, A.Apologize)).payload).toMatchObject({
        timely: true,
        timelyUntil: iso('2026-02-23 16:30'),
      });
    });

    it('sent on the due day it is recorded as untimely, and the report counts it', async () => {
      clock.set(vn('2026-02-24 08:00'));
      second = await ok(d, A.Apologize, second, admin, { newDueAt: '2026-03-03' });
      const rows = await t.db.query(
        `SELECT timely FROM apologies WHERE application_id = ANY($1::uuid[]) ORDER BY issued_at`,
        [[app.id, second.id]],
      );
      expect(rows.rows).toEqual([{ timely: true }, { timely: false }]);
      const cell = await report('month', 2026, 2);
      expect(cell('Thư xin lỗi gửi chậm')).toBe(1);
    });
  });
});
