import { OFFICIAL_NOTICES_2025_2026, WorkingCalendar } from '../calendar';
import { overdueByWorkingDaysAt, overdueByWorkingDaysDueBefore } from '../escalation';
import { alertsDueBefore } from './alert-due-bounds';
import { DEADLINE_ALERT_KINDS, deadlineAlertTimes } from './deadline-alert-times';
import { DEFAULT_DEADLINE_POLICY } from './deadline-policy';

const calendar = new WorkingCalendar(OFFICIAL_NOTICES_2025_2026);
const vn = (local: string) => new Date(`${local.replace(' ', 'T')}:00+07:00`);
const HOUR = 3_600_000;

/** Instants every `stepMs` from `from` for `count` steps. */
const instants = (from: Date, stepMs: number, count: number) =>
  Array.from({ length: count }, (_, i) => new Date(from.getTime() + i * stepMs));

// "Now" across ordinary weeks, Tết 2026 and swapped Saturdays, at odd times of day.
const NOWS = [
  ...instants(vn('2026-02-05 00:00'), 7 * HOUR + 13 * 60_000, 90),
  ...instants(vn('2026-01-01 06:00'), 11 * HOUR + 1_000, 30),
  ...instants(vn('2026-08-20 07:29'), 60_000, 3),
];

describe('alertsDueBefore: the sweep\'s index bound is exactly "this reminder has come"', () => {
  it.each(NOWS.map((n) => [n.toISOString(), n]))('at %s', (_label, now) => {
    const bounds = alertsDueBefore(now, calendar, DEFAULT_DEADLINE_POLICY);
    // Due dates from 20 days before to 20 days after now, at uneven times of day.
    for (const dueAt of instants(
      new Date(now.getTime() - 20 * 24 * HOUR),
      3 * HOUR + 37 * 60_000 + 999,
      265,
    )) {
      const times = deadlineAlertTimes(dueAt, calendar, DEFAULT_DEADLINE_POLICY);
      for (const kind of DEADLINE_ALERT_KINDS) {
        const come = times[kind].getTime() <= now.getTime();
        const below = dueAt.getTime() < bounds[kind].getTime();
        if (come !== below) {
          throw new Error(`${kind} due ${dueAt.toISOString()}: come ${come}, below bound ${below}`);
        }
      }
    }
  });

  it('holds at the edges: the instant a reminder comes and the millisecond before', () => {
    const dueAt = vn('2026-02-23 17:00'); // the Monday after Tết: due soon on Friday 13/2
    const times = deadlineAlertTimes(dueAt, calendar, DEFAULT_DEADLINE_POLICY);
    for (const kind of DEADLINE_ALERT_KINDS) {
      const at = alertsDueBefore(times[kind], calendar, DEFAULT_DEADLINE_POLICY)[kind];
      const before = alertsDueBefore(
        new Date(times[kind].getTime() - 1),
        calendar,
        DEFAULT_DEADLINE_POLICY,
      )[kind];
      expect([kind, dueAt < at]).toEqual([kind, true]);
      expect([kind, dueAt < before]).toEqual([kind, false]);
    }
  });
});

describe('overdueByWorkingDaysDueBefore: no application due for level 4 is left out', () => {
  it.each([1, 2, 20])('N = %i working days', (n) => {
    for (const now of NOWS.filter((_, i) => i % 3 === 0)) {
      const bound = overdueByWorkingDaysDueBefore(now, n, calendar);
      let passedNotDue = 0;
      for (const dueAt of instants(new Date(now.getTime() - 60 * 24 * HOUR), 5 * HOUR + 1, 290)) {
        const due = overdueByWorkingDaysAt(dueAt, n, calendar).getTime() <= now.getTime();
        const below = dueAt.getTime() < bound.getTime();
        if (due && !below) {
          throw new Error(`N=${n} now ${now.toISOString()}: due ${dueAt.toISOString()} left out`);
        }
        passedNotDue += below && !due ? 1 : 0;
      }
      // Only the last day or days it lets through (a weekend or Tết before it) may not be due.
      expect(passedNotDue).toBeLessThanOrEqual((10 * 24) / 5 + 1);
    }
  });
});
