import { OFFICIAL_NOTICES_2025_2026, WorkingCalendar, localTimeOf, toLocalDate } from '../calendar';
import { computeDueAt, effectiveReceptionDay } from './compute-due-at';
import {
  DEFAULT_DEADLINE_POLICY,
  type DeadlinePolicy,
  type TimeLimitUnit,
} from './deadline-policy';

const calendar = new WorkingCalendar(OFFICIAL_NOTICES_2025_2026);
const rulesOnly = new WorkingCalendar([]);

/** 'YYYY-MM-DD HH:mm' on the Vietnamese wall clock → instant. */
function vn(local: string): Date {
  return new Date(`${local.replace(' ', 'T')}:00+07:00`);
}

function show(instant: Date): string {
  const { hour, minute } = localTimeOf(instant);
  return `${toLocalDate(instant)} ${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
}

function due(
  receivedAt: string,
  value: number,
  unit: TimeLimitUnit,
  policy?: DeadlinePolicy,
): string {
  return show(
    computeDueAt({ receivedAt: vn(receivedAt), limit: { value, unit }, calendar, policy }),
  );
}

describe('computeDueAt: working days (reception day = day 0, due 17:00)', () => {
  it.each([
    // Tết 2026: Mon 16 – Fri 20/2 off.
    ['Fri 13/2/2026, 5 days over Tết 2026', '2026-02-13 10:00', 5, '2026-02-27 17:00'],
    ['Thu 12/2/2026, 2 days over Tết 2026', '2026-02-12 10:00', 2, '2026-02-23 17:00'],
    [
      'Fri 13/2/2026 after the cut-off: day 0 is Mon 23/2',
      '2026-02-13 15:01',
      1,
      '2026-02-24 17:00',
    ],
    [
      'Fri 13/2/2026 at the cut-off exactly: still day 0',
      '2026-02-13 15:00',
      1,
      '2026-02-23 17:00',
    ],
    // Swapped Saturdays are working days.
    ['Fri 9/1/2026 → swapped Sat 10/1', '2026-01-09 10:00', 1, '2026-01-10 17:00'],
    ['Fri 21/8/2026 → swapped Sat 22/8', '2026-08-21 10:00', 1, '2026-08-22 17:00'],
    ['received on swapped Sat 10/1/2026', '2026-01-10 10:00', 1, '2026-01-12 17:00'],
    // 30/4 – 1/5.
    ['Tue 29/4/2025 over 30/4, 1/5 and swapped 2/5', '2025-04-29 10:00', 1, '2025-05-05 17:00'],
    ['Fri 25/4/2025 → swapped Sat 26/4', '2025-04-25 10:00', 1, '2025-04-26 17:00'],
    ['Wed 29/4/2026 over 30/4 and 1/5 (no swap)', '2026-04-29 10:00', 1, '2026-05-04 17:00'],
    // Giỗ Tổ 2026 on Sunday, made up Monday.
    ['Fri 24/4/2026 over Giỗ Tổ make-up Mon 27/4', '2026-04-24 10:00', 1, '2026-04-28 17:00'],
    // National Day.
    ['Fri 29/8/2025 over Mon 1/9 + Tue 2/9', '2025-08-29 10:00', 1, '2025-09-03 17:00'],
    ['Fri 28/8/2026 over 31/8, 1/9, 2/9', '2026-08-28 10:00', 1, '2026-09-03 17:00'],
    // 24/11: a holiday from 2026 only.
    ['Mon 23/11/2026 over Culture Day', '2026-11-23 10:00', 1, '2026-11-25 17:00'],
    ['Fri 21/11/2025: 24/11/2025 is a working Monday', '2025-11-21 10:00', 1, '2025-11-24 17:00'],
    // Year boundary: 1/1 and swapped 2/1/2026 off.
    ['Tue 30/12/2025, 3 days', '2025-12-30 10:00', 3, '2026-01-06 17:00'],
    // Cut-off at 15:00.
    ['Mon 5/1/2026 at 14:59', '2026-01-05 14:59', 2, '2026-01-07 17:00'],
    ['Mon 5/1/2026 at 15:00 (not after the cut-off)', '2026-01-05 15:00', 2, '2026-01-07 17:00'],
    ['Mon 5/1/2026 at 15:01', '2026-01-05 15:01', 2, '2026-01-08 17:00'],
    ['Mon 5/1/2026 at 16:30', '2026-01-05 16:30', 2, '2026-01-08 17:00'],
    ['Mon 5/1/2026 at 06:45, before office hours', '2026-01-05 06:45', 2, '2026-01-07 17:00'],
    // Weekend receptions count from the next working day.
    ['Sat 17/1/2026', '2026-01-17 10:00', 1, '2026-01-20 17:00'],
    ['Sun 18/1/2026', '2026-01-18 10:00', 1, '2026-01-20 17:00'],
    // Same-day procedures.
    ['same day, before the cut-off', '2026-01-05 10:00', 0, '2026-01-05 17:00'],
    ['same day, after the cut-off', '2026-01-05 15:30', 0, '2026-01-06 17:00'],
    [
      'same day, Fri 9/1/2026 after the cut-off → Sat 10/1',
      '2026-01-09 16:00',
      0,
      '2026-01-10 17:00',
    ],
    ['same day, on a Sunday', '2026-01-18 09:00', 0, '2026-01-19 17:00'],
    // Tết 2025 as the notice set it: off Mon 27 – Fri 31/1, no make-up on Mon 3/2.
    ['Fri 24/1/2025 over Tết 2025', '2025-01-24 10:00', 1, '2025-02-03 17:00'],
    // Tết 2027 by the rules (no notice): 5–9/2 plus make-up 10–11/2 for Sat 6, Sun 7.
    ['Thu 4/2/2027 over Tết 2027', '2027-02-04 10:00', 1, '2027-02-12 17:00'],
    ['Thu 4/2/2027, 3 days', '2027-02-04 10:00', 3, '2027-02-16 17:00'],
    // Giỗ Tổ 2027 Fri 16/4, then 30/4 Fri, 1/5 Sat made up Mon 3/5.
    ['Thu 29/4/2027 over 30/4 and make-up 3/5', '2027-04-29 10:00', 1, '2027-05-04 17:00'],
  ])('%s: %s + %i → %s', (_label, receivedAt, days, expected) => {
    expect(due(receivedAt, days, 'working_days')).toBe(expected);
  });

  it('Tết 2025 by the rules alone would end on Fri 31/1 with Mon 3/2 off, so Mon 27/1 is due', () => {
    const dueAt = computeDueAt({
      receivedAt: vn('2025-01-24 10:00'),
      limit: { value: 1, unit: 'working_days' },
      calendar: rulesOnly,
    });
    expect(show(dueAt)).toBe('2025-01-27 17:00');
  });

  it.each([
    ['2026-01-05 10:00', 2, '2026-01-06 17:00'],
    ['2026-01-05 10:00', 0, '2026-01-05 17:00'],
    ['2026-02-13 10:00', 5, '2026-02-26 17:00'],
  ])('dayZero = false: reception day is day 1 (%s + %i → %s)', (receivedAt, days, expected) => {
    expect(
      due(receivedAt, days, 'working_days', { ...DEFAULT_DEADLINE_POLICY, dayZero: false }),
    ).toBe(expected);
  });
});

describe('computeDueAt: hours (working time = office hours 07:30–17:00 on working days)', () => {
  const withLunch: DeadlinePolicy = {
    ...DEFAULT_DEADLINE_POLICY,
    lunchBreak: { start: { hour: 12, minute: 0 }, end: { hour: 13, minute: 30 } },
  };

  it.each([
    ['8 h from Mon 10:00 (9.5 h office day)', '2026-01-05 10:00', 8, undefined, '2026-01-06 08:30'],
    [
      '8 h from Mon 10:00 with a 12:00–13:30 break',
      '2026-01-05 10:00',
      8,
      withLunch,
      '2026-01-06 10:00',
    ],
    ['4 h from Mon 10:00', '2026-01-05 10:00', 4, undefined, '2026-01-05 14:00'],
    ['7 h ending exactly at 17:00', '2026-01-05 10:00', 7, undefined, '2026-01-05 17:00'],
    ['2 h received after the cut-off', '2026-01-05 15:30', 2, undefined, '2026-01-06 09:30'],
    ['1 h received before office hours', '2026-01-05 06:00', 1, undefined, '2026-01-05 08:30'],
    [
      '4 h from Fri 9/1/2026 14:00 into swapped Sat 10/1',
      '2026-01-09 14:00',
      4,
      undefined,
      '2026-01-10 08:30',
    ],
    ['24 h from Thu 12/2/2026 over Tết', '2026-02-12 10:00', 24, undefined, '2026-02-23 15:00'],
    ['received during lunch', '2026-01-05 12:15', 1, withLunch, '2026-01-05 14:30'],
    ['half an hour', '2026-01-05 10:00', 0.5, undefined, '2026-01-05 10:30'],
  ])('%s', (_label, receivedAt, hours, policy, expected) => {
    expect(due(receivedAt, hours, 'hours', policy)).toBe(expected);
  });
});

describe('computeDueAt: calendar days and months (next working day if needed, BLDS Art. 148)', () => {
  it.each([
    [
      'Mon 5/1/2026 + 5 → swapped Sat 10/1',
      '2026-01-05 10:00',
      5,
      'calendar_days',
      '2026-01-10 17:00',
    ],
    [
      'Mon 12/1/2026 + 5 → Sat 17/1 → Mon 19/1',
      '2026-01-12 10:00',
      5,
      'calendar_days',
      '2026-01-19 17:00',
    ],
    [
      'Fri 16/1/2026 + 30 → Sun 15/2 → after Tết',
      '2026-01-16 10:00',
      30,
      'calendar_days',
      '2026-02-23 17:00',
    ],
    [
      'Tue 30/12/2025 + 2 → 1/1 → Mon 5/1',
      '2025-12-30 10:00',
      2,
      'calendar_days',
      '2026-01-05 17:00',
    ],
    [
      'Sat 17/1/2026 counts from Mon 19/1',
      '2026-01-17 10:00',
      1,
      'calendar_days',
      '2026-01-20 17:00',
    ],
    ['Fri 31/10/2025 + 1 month → Sun 30/11', '2025-10-31 10:00', 1, 'months', '2025-12-01 17:00'],
    [
      'Mon 31/3/2025 + 1 month → 30/4 → Mon 5/5',
      '2025-03-31 10:00',
      1,
      'months',
      '2025-05-05 17:00',
    ],
    ['Fri 30/1/2026 + 1 month → Sat 28/2', '2026-01-30 10:00', 1, 'months', '2026-03-02 17:00'],
    ['Wed 12/11/2025 + 3 months', '2025-11-12 10:00', 3, 'months', '2026-02-12 17:00'],
  ] as const)('%s', (_label, receivedAt, value, unit, expected) => {
    expect(due(receivedAt, value, unit)).toBe(expected);
  });
});

describe('computeDueAt: input checks', () => {
  it.each([
    [{ value: -1, unit: 'working_days' }],
    [{ value: 1.5, unit: 'working_days' }],
    [{ value: Number.NaN, unit: 'hours' }],
    [{ value: 1, unit: 'weeks' }],
  ])('rejects %o', (limit) => {
    expect(() =>
      computeDueAt({ receivedAt: vn('2026-01-05 10:00'), limit: limit as never, calendar }),
    ).toThrow(RangeError);
  });

  it('effectiveReceptionDay moves late and non-working-day receptions', () => {
    expect(effectiveReceptionDay(vn('2026-01-05 14:59'), calendar)).toBe('2026-01-05');
    expect(effectiveReceptionDay(vn('2026-01-05 15:00'), calendar)).toBe('2026-01-05');
    expect(effectiveReceptionDay(new Date(vn('2026-01-05 15:00').getTime() + 1), calendar)).toBe(
      '2026-01-06',
    );
    expect(effectiveReceptionDay(vn('2026-01-05 15:01'), calendar)).toBe('2026-01-06');
    expect(effectiveReceptionDay(vn('2026-02-16 09:00'), calendar)).toBe('2026-02-23');
  });
});
