import { OFFICIAL_NOTICES_2025_2026, WorkingCalendar } from '../calendar';
import { DEFAULT_DEADLINE_POLICY } from './deadline-policy';
import { deadlineAlertTimes } from './deadline-alert-times';

const calendar = new WorkingCalendar(OFFICIAL_NOTICES_2025_2026);
const vn = (local: string) => new Date(`${local.replace(' ', 'T')}:00+07:00`);

describe('deadlineAlertTimes: reminders placed in working time before the deadline', () => {
  it.each([
    // due                 due soon (start of the working day before)  due today (start of due day)
    ['2025-06-13 17:00', '2025-06-12 07:30', '2025-06-13 07:30', 'Friday → Thursday'],
    ['2025-06-16 17:00', '2025-06-13 07:30', '2025-06-16 07:30', 'Monday → the Friday before'],
    ['2025-06-17 09:00', '2025-06-16 07:30', '2025-06-17 07:30', 'a morning due time'],
    ['2025-09-03 17:00', '2025-08-29 07:30', '2025-09-03 07:30', 'after National Day 1–2/9/2025'],
    ['2026-02-23 17:00', '2026-02-13 07:30', '2026-02-23 07:30', 'the Monday after Tết 2026'],
    ['2026-02-13 17:00', '2026-02-12 07:30', '2026-02-13 07:30', 'the Friday before Tết 2026'],
    ['2026-01-12 17:00', '2026-01-10 07:30', '2026-01-12 07:30', 'Monday after swapped Sat 10/1'],
    ['2026-01-10 17:00', '2026-01-09 07:30', '2026-01-10 07:30', 'due on swapped Sat 10/1'],
    ['2026-08-24 17:00', '2026-08-22 07:30', '2026-08-24 07:30', 'Monday after swapped Sat 22/8'],
    ['2026-01-05 17:00', '2025-12-31 07:30', '2026-01-05 07:30', 'over 1/1 and swapped 2/1/2026'],
  ])('due %s → due soon %s, due today %s (%s)', (due, soon, today) => {
    const times = deadlineAlertTimes(vn(due), calendar, DEFAULT_DEADLINE_POLICY);
    expect(times.due_soon.toISOString()).toBe(vn(soon).toISOString());
    expect(times.due_now.toISOString()).toBe(vn(today).toISOString());
    expect(times.overdue.getTime()).toBe(vn(due).getTime() + 1000);
  });

  it('fires in order, all but "overdue" before the due instant', () => {
    const due = vn('2026-06-16 17:00');
    const t = deadlineAlertTimes(due, calendar, DEFAULT_DEADLINE_POLICY);
    expect(t.due_soon.getTime()).toBeLessThan(t.due_now.getTime());
    expect(t.due_now.getTime()).toBeLessThan(due.getTime());
    expect(t.overdue.getTime()).toBeGreaterThan(due.getTime());
  });

  it('"due soon" is at least one working day before a 17:00 deadline', () => {
    const t = deadlineAlertTimes(vn('2026-02-23 17:00'), calendar, DEFAULT_DEADLINE_POLICY);
    // Friday 13/2 07:30: more than a full working day before Monday 23/2 17:00.
    expect(t.due_soon.getTime()).toBeLessThan(vn('2026-02-13 17:00').getTime());
  });

  it('follows the configured office hours', () => {
    const policy = {
      ...DEFAULT_DEADLINE_POLICY,
      officeHours: { start: { hour: 8, minute: 0 }, end: { hour: 17, minute: 30 } },
    };
    const t = deadlineAlertTimes(vn('2026-06-16 17:30'), calendar, policy);
    expect(t.due_soon.toISOString()).toBe(vn('2026-06-15 08:00').toISOString());
    expect(t.due_now.toISOString()).toBe(vn('2026-06-16 08:00').toISOString());
  });

  it('counts several working days back when asked', () => {
    const t = deadlineAlertTimes(vn('2026-02-24 17:00'), calendar, DEFAULT_DEADLINE_POLICY, 2);
    expect(t.due_soon.toISOString()).toBe(vn('2026-02-13 07:30').toISOString());
  });

  it('never fires a reminder after the instant it announces (a due time at office start)', () => {
    const due = vn('2026-06-16 07:30');
    const t = deadlineAlertTimes(due, calendar, DEFAULT_DEADLINE_POLICY);
    expect(t.due_now.getTime()).toBe(due.getTime());
  });
});
