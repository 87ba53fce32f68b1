import {
  addLocalDays,
  addLocalMonths,
  compareLocalDates,
  dayNumberToLocalDate,
  localDateToDayNumber,
  localWeekday,
  parseLocalDate,
} from './local-date';

describe('local dates', () => {
  it.each([
    ['2025-12-31', 1, '2026-01-01'],
    ['2024-02-28', 1, '2024-02-29'],
    ['2100-02-28', 1, '2100-03-01'], // 2100 is not a leap year
    ['2026-03-01', -1, '2026-02-28'],
  ])('addLocalDays(%s, %i) = %s', (date, days, expected) => {
    expect(addLocalDays(date, days)).toBe(expected);
  });

  it.each([
    ['2026-01-31', 1, '2026-02-28'],
    ['2024-01-31', 1, '2024-02-29'],
    ['2025-11-30', 3, '2026-02-28'],
    ['2026-05-15', 12, '2027-05-15'],
  ])('addLocalMonths(%s, %i) = %s (clamped to month end)', (date, months, expected) => {
    expect(addLocalMonths(date, months)).toBe(expected);
  });

  it.each([
    ['1970-01-01', 4],
    ['2026-02-17', 2],
    ['2026-04-26', 0],
    ['2026-01-10', 6],
  ])('%s falls on weekday %i', (date, weekday) => {
    expect(localWeekday(date)).toBe(weekday);
  });

  it.each(['2025-02-29', '2025-13-01', '2025-1-1', '', '2025-01-01T00:00'])(
    'rejects %p',
    (text) => {
      expect(() => parseLocalDate(text)).toThrow(RangeError);
    },
  );

  it('round-trips day numbers and compares like dates', () => {
    for (const date of ['1900-01-01', '1970-01-01', '2000-02-29', '2199-12-31']) {
      expect(dayNumberToLocalDate(localDateToDayNumber(date))).toBe(date);
    }
    expect(compareLocalDates('2025-12-31', '2026-01-01')).toBeLessThan(0);
    expect(compareLocalDates('2026-01-01', '2026-01-01')).toBe(0);
  });
});
