import { Role, toLocalDate } from '@app/domain';
import { WorkingCalendarService } from '@app/database';
import { startTestApp, TestApp } from '../setup/test-app';
import { createDriver } from './support/drive';

/**
 * The holiday calendar's what-if: a day off proposed inside an open application's deadline
 * names that application with its appointment one working day later; nothing is saved; the
 * preview is the administrator's, and a date outside the year is refused by field.
 */
describe('POST /calendar/:year/overrides/preview', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('lists the open applications whose appointment would move, and saves nothing', async () => {
    const d = await createDriver(t, { timeLimitValue: 5 });
    const token = await d.adminToken();
    const created = await d.intake(token);
    expect(created.status).toBe(201);
    const untouched = await d.intake(token);
    expect(untouched.status).toBe(201);
    // Only the first stays open: the second is refused, so it must not be listed.
    await t.db.query(`UPDATE applications SET status = 'not_accepted' WHERE id = $1`, [
      untouched.body.id,
    ]);
    const calendar = await t.app.get(WorkingCalendarService, { strict: false }).current();
    const dayOff = calendar.addWorkingDays(toLocalDate(new Date(created.body.receivedAt)), 1);
    const year = Number(dayOff.slice(0, 4));
    const before = await t.db.query(`SELECT count(*)::int AS n FROM calendar_overrides`);

    const res = await t.http
      .post(`/api/v1/calendar/${year}/overrides/preview`)
      .set('authorization', `Bearer ${token}`)
      .send({
        overrides: [
          { date: dayOff, kind: 'day_off', reason: 'Nghỉ bù theo thông báo', source: 'TB 1/2026' },
        ],
      })
      .expect(200);

    const codes = res.body.moved.map((m: { code: string }) => m.code);
    expect(codes).toContain(created.body.code);
    expect(codes).not.toContain(untouched.body.code);
    const row = res.body.moved.find((m: { code: string }) => m.code === created.body.code);
    expect(row.dueAt).toBe(created.body.dueAt);
    expect(row.shiftDays).toBeGreaterThanOrEqual(1);
    expect(Date.parse(row.newDueAt)).toBe(Date.parse(row.dueAt) + row.shiftDays * 86_400_000);
    expect(res.body.checked).toBeGreaterThanOrEqual(1);
    const after = await t.db.query(`SELECT count(*)::int AS n FROM calendar_overrides`);
    expect(after.rows[0].n).toBe(before.rows[0].n);

    await t.http
      .post(`/api/v1/calendar/${year}/overrides/preview`)
      .set('authorization', `Bearer ${await t.tokenFor(Role.Officer, d.departmentId)}`)
      .send({ overrides: [] })
      .expect(403);
    const bad = await t.http
      .post(`/api/v1/calendar/${year}/overrides/preview`)
      .set('authorization', `Bearer ${token}`)
      .send({
        overrides: [{ date: `${year + 1}-01-05`, kind: 'day_off', reason: 'x', source: 'y' }],
      })
      .expect(400);
    expect(bad.body.details).toEqual([
      { field: 'overrides[0].date', reason: `must be a date in ${year}` },
    ]);
  });
});
