import { OFFICIAL_NOTICES_2025_2026, WorkingCalendar, localTimeOf, toLocalDate } from '../calendar';
import { DEFAULT_DEADLINE_POLICY } from './deadline-policy';
import { dueAtAfterSupplement, supplementRequestTiming } from './supplement-window';

const calendar = new WorkingCalendar(OFFICIAL_NOTICES_2025_2026);
const vn = (local: string) => new Date(`${local.replace(' ', 'T')}:00+07:00`);
function show(instant: Date): string {
  const { hour, minute } = localTimeOf(instant);
  return `${toLocalDate(instant)} ${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
}

describe('supplementRequestTiming: the request window (3 working days from reception)', () => {
  it.each([
    // label, received, due, requested, window ends, late
    [
      'issue 15 example: Fri 6/3 16:00 is 4 working days after Mon 2/3',
      '2026-03-02 09:00',
      '2026-03-09 17:00',
      '2026-03-06 16:00',
      '2026-03-05 17:00',
      'after_window',
    ],
    [
      'the last minute of the window',
      '2026-03-02 09:00',
      '2026-03-09 17:00',
      '2026-03-05 17:00',
      '2026-03-05 17:00',
      null,
    ],
    [
      'the reception day itself',
      '2026-03-02 09:00',
      '2026-03-09 17:00',
      '2026-03-02 11:00',
      '2026-03-05 17:00',
      null,
    ],
    [
      'over Tết 2026: Thu 12/2 → Fri 13/2, Mon 23/2, Tue 24/2',
      '2026-02-12 10:00',
      '2026-03-02 17:00',
      '2026-02-24 16:59',
      '2026-02-24 17:00',
      null,
    ],
    [
      'over Tết 2026, one day late',
      '2026-02-12 10:00',
      '2026-03-02 17:00',
      '2026-02-25 08:00',
      '2026-02-24 17:00',
      'after_window',
    ],
    [
      'over swapped Sat 10/1/2026',
      '2026-01-08 10:00',
      '2026-01-19 17:00',
      '2026-01-12 10:00',
      '2026-01-12 17:00',
      null,
    ],
    [
      'swapped Sat 22/8/2026 counts, Mon 31/8 off does not',
      '2026-08-20 10:00',
      '2026-09-10 17:00',
      '2026-08-25 09:00',
      '2026-08-24 17:00',
      'after_window',
    ],
    [
      'received after the 15:00 cut-off: day 0 is the next working day',
      '2026-01-05 15:30',
      '2026-01-16 17:00',
      '2026-01-09 16:00',
      '2026-01-09 17:00',
      null,
    ],
    [
      'after the due date (1-day procedure): no escape through a request',
      '2026-03-02 09:00',
      '2026-03-03 17:00',
      '2026-03-04 09:00',
      '2026-03-05 17:00',
      'after_due_date',
    ],
  ])('%s', (_label, receivedAt, dueAt, now, windowEndsAt, late) => {
    const timing = supplementRequestTiming({
      now: vn(now),
      receivedAt: vn(receivedAt),
      dueAt: vn(dueAt),
      windowWorkingDays: 3,
      calendar,
      policy: DEFAULT_DEADLINE_POLICY,
    });
    expect(show(timing.windowEndsAt)).toBe(windowEndsAt);
    expect(timing.late).toBe(late);
    expect(timing.clockRule).toBe(late ? 'pause' : 'restart');
  });

  it('a configured window of 5 working days', () => {
    const timing = supplementRequestTiming({
      now: vn('2026-03-06 16:00'),
      receivedAt: vn('2026-03-02 09:00'),
      dueAt: vn('2026-03-16 17:00'),
      windowWorkingDays: 5,
      calendar,
    });
    expect(show(timing.windowEndsAt)).toBe('2026-03-09 17:00');
    expect(timing.late).toBeNull();
  });
});

describe('dueAtAfterSupplement: restart in the window, date in force plus the pause after it', () => {
  const limit = { value: 5, unit: 'working_days' as const };
  it.each([
    // label, rule, requested, completed, current due, expected
    [
      'restart: issue 15 example, supplement on Mon 9/3',
      'restart',
      '2026-03-04 10:00',
      '2026-03-09 10:00',
      '2026-03-09 17:00',
      '2026-03-16 17:00',
    ],
    [
      'pause: issue 15 example, Fri 16:00 → Mon 10:00 = 3.5 working hours',
      'pause',
      '2026-03-06 16:00',
      '2026-03-09 10:00',
      '2026-03-09 17:00',
      '2026-03-10 11:00',
    ],
    [
      'pause over Tết 2026: Fri 13/2 16:00 → Mon 23/2 09:00 = 2.5 h',
      'pause',
      '2026-02-13 16:00',
      '2026-02-23 09:00',
      '2026-02-24 17:00',
      '2026-02-25 10:00',
    ],
    [
      'pause over swapped Sat 10/1/2026 (a full working day)',
      'pause',
      '2026-01-09 17:00',
      '2026-01-12 07:30',
      '2026-01-13 17:00',
      '2026-01-14 17:00',
    ],
    [
      'pause: requested after the due date → the date stays',
      'pause',
      '2026-03-10 09:00',
      '2026-03-12 09:00',
      '2026-03-09 17:00',
      '2026-03-09 17:00',
    ],
    [
      'restart over Tết 2026',
      'restart',
      '2026-02-10 09:00',
      '2026-02-12 09:00',
      '2026-02-13 17:00',
      '2026-02-26 17:00',
    ],
  ] as const)('%s', (_label, clockRule, requestedAt, completedAt, currentDueAt, expected) => {
    const dueAt = dueAtAfterSupplement({
      clockRule,
      requestedAt: vn(requestedAt),
      completedAt: vn(completedAt),
      currentDueAt: vn(currentDueAt),
      limit,
      calendar,
    });
    expect(show(dueAt)).toBe(expected);
  });
});
