import { OFFICIAL_NOTICES_2025_2026, WorkingCalendar, localTimeOf, toLocalDate } from '../calendar';
import { pausedDueAt, restartAfterSupplement, suggestNewDueAt } from './supplement-deadlines';
import { workingMinutesBetween } from './working-time';

const calendar = new WorkingCalendar(OFFICIAL_NOTICES_2025_2026);

function vn(local: string): Date {
  return new Date(`${local.replace(' ', 'T')}:00+07:00`);
}

function show(instant: Date): string {
  const { hour, minute } = localTimeOf(instant);
  return `${toLocalDate(instant)} ${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
}

describe('restartAfterSupplement: the limit runs again from the completion', () => {
  it.each([
    ['completed Wed 7/1/2026 16:00 (after cut-off)', '2026-01-07 16:00', 5, '2026-01-14 17:00'],
    ['completed Thu 12/2/2026 09:00, over Tết', '2026-02-12 09:00', 3, '2026-02-24 17:00'],
  ])('%s', (_label, completedAt, days, expected) => {
    const dueAt = restartAfterSupplement({
      completedAt: vn(completedAt),
      limit: { value: days, unit: 'working_days' },
      calendar,
    });
    expect(show(dueAt)).toBe(expected);
  });
});

describe('pausedDueAt: the original due date pushed back by the working time paused (766)', () => {
  it.each([
    [
      'two full working days',
      '2026-01-16 17:00',
      '2026-01-05 10:00',
      '2026-01-07 10:00',
      '2026-01-20 17:00',
    ],
    [
      'two office hours the same day',
      '2026-01-16 17:00',
      '2026-01-12 09:00',
      '2026-01-12 11:00',
      '2026-01-19 09:30',
    ],
    [
      'over a weekend: only Fri 16:00–17:00 counts',
      '2026-01-20 17:00',
      '2026-01-16 16:00',
      '2026-01-19 07:00',
      '2026-01-21 08:30',
    ],
    [
      'over Tết 2026: Fri 13/2 and Mon 23/2',
      '2026-02-25 17:00',
      '2026-02-12 17:00',
      '2026-02-23 17:00',
      '2026-02-27 17:00',
    ],
    [
      'completed before it was requested: no change',
      '2026-01-16 17:00',
      '2026-01-12 11:00',
      '2026-01-12 09:00',
      '2026-01-16 17:00',
    ],
    [
      'entirely outside office hours',
      '2026-01-16 17:00',
      '2026-01-10 18:00',
      '2026-01-11 20:00',
      '2026-01-16 17:00',
    ],
  ])('%s', (_label, originalDueAt, requestedAt, completedAt, expected) => {
    const dueAt = pausedDueAt({
      originalDueAt: vn(originalDueAt),
      requestedAt: vn(requestedAt),
      completedAt: vn(completedAt),
      calendar,
    });
    expect(show(dueAt)).toBe(expected);
  });

  it('counts working minutes between instants', () => {
    expect(workingMinutesBetween(vn('2026-01-09 16:00'), vn('2026-01-12 08:00'), calendar)).toBe(
      60 + 60 * 9.5 + 30, // Fri 16–17, all of swapped Sat 10/1, Mon 07:30–08:00
    );
  });
});

describe('suggestNewDueAt: the new date in a letter of apology', () => {
  it.each([
    ['2 days from Wed 30/12/2026, over 1/1/2027', '2026-12-30 10:00', 2, '2027-01-04 17:00'],
    ['1 day from Fri 9/1/2026 after the cut-off', '2026-01-09 16:00', 1, '2026-01-12 17:00'],
  ])('%s', (_label, now, days, expected) => {
    const dueAt = suggestNewDueAt({ now: vn(now), remainingWorkingDays: days, calendar });
    expect(show(dueAt)).toBe(expected);
  });
});
