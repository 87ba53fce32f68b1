import { WorkingCalendar } from '../calendar';
import { DEFAULT_DEADLINE_POLICY } from './deadline-policy';
import { deadlineAlertTimes } from './deadline-alert-times';

const calendar = new WorkingCalendar([]);
const at = (iso: string) => new Date(iso);

describe('deadlineAlertTimes', () => {
  it.each([
    // due (local +07:00)            due soon (start of office hours, previous working day)
    ['2025-06-13T17:00:00+07:00', '2025-06-12T07:30:00+07:00', 'Friday → Thursday'],
    ['2025-06-16T17:00:00+07:00', '2025-06-13T07:30:00+07:00', 'Monday → the Friday before'],
    ['2025-06-17T09:00:00+07:00', '2025-06-16T07:30:00+07:00', 'a morning due time'],
    ['2025-09-03T17:00:00+07:00', '2025-08-29T07:30:00+07:00', 'after the National Day holidays'],
  ])('due %s → due soon %s (%s)', (due, soon) => {
    const times = deadlineAlertTimes(at(due), calendar, DEFAULT_DEADLINE_POLICY);
    expect(times.due_soon.toISOString()).toBe(at(soon).toISOString());
    expect(times.due_now.toISOString()).toBe(at(due).toISOString());
    expect(times.overdue.getTime()).toBe(at(due).getTime() + 1000);
  });

  it('fires in order: due soon, due now, overdue', () => {
    const t = deadlineAlertTimes(
      at('2025-06-16T17:00:00+07:00'),
      calendar,
      DEFAULT_DEADLINE_POLICY,
    );
    expect(t.due_soon.getTime()).toBeLessThan(t.due_now.getTime());
    expect(t.due_now.getTime()).toBeLessThan(t.overdue.getTime());
  });

  it('counts several working days back when asked', () => {
    const t = deadlineAlertTimes(
      at('2025-06-16T17:00:00+07:00'),
      calendar,
      DEFAULT_DEADLINE_POLICY,
      2,
    );
    expect(t.due_soon.toISOString()).toBe(at('2025-06-12T07:30:00+07:00').toISOString());
  });
});
