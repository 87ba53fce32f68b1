import { atLocalTime, localTimeOf, toLocalDate } from './business-time';

describe('Asia/Ho_Chi_Minh business time (fixed UTC+7)', () => {
  it.each([
    ['2025-12-31T16:59:59.999Z', '2025-12-31', { hour: 23, minute: 59 }],
    ['2025-12-31T17:00:00.000Z', '2026-01-01', { hour: 0, minute: 0 }],
    ['2026-02-13T03:00:00.000Z', '2026-02-13', { hour: 10, minute: 0 }],
    ['2026-02-13T08:00:00.000Z', '2026-02-13', { hour: 15, minute: 0 }],
  ])('%s is %s at %o local', (iso, date, time) => {
    expect(toLocalDate(new Date(iso))).toBe(date);
    expect(localTimeOf(new Date(iso))).toEqual(time);
  });

  it.each([
    ['2026-01-01', 7, 30, '2026-01-01T00:30:00.000Z'],
    ['2026-01-01', 17, 0, '2026-01-01T10:00:00.000Z'],
    ['2026-01-01', 0, 0, '2025-12-31T17:00:00.000Z'],
  ])('atLocalTime(%s, %i, %i) = %s', (date, hour, minute, iso) => {
    expect(atLocalTime(date, hour, minute).toISOString()).toBe(iso);
  });

  it('rejects an invalid Date', () => {
    expect(() => toLocalDate(new Date(Number.NaN))).toThrow(RangeError);
  });
});
