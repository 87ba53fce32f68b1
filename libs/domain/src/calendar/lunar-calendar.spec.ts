import { dayNumberFromParts, partsFromDayNumber } from './local-date';
import { lunarToSolar, solarToLunar } from './lunar-calendar';

describe('lunar calendar (Vietnam, UTC+7)', () => {
  // Tết Nguyên đán (mùng 1 tháng Giêng) as published in Vietnamese calendars.
  it.each([
    [1900, '1900-01-31'],
    [1968, '1968-01-29'], // China (UTC+8): 30/1
    [1985, '1985-01-21'], // China (UTC+8): 20/2
    [2000, '2000-02-05'],
    [2007, '2007-02-17'], // China (UTC+8): 18/2
    [2017, '2017-01-28'],
    [2018, '2018-02-16'],
    [2019, '2019-02-05'],
    [2020, '2020-01-25'],
    [2021, '2021-02-12'],
    [2022, '2022-02-01'],
    [2023, '2023-01-22'],
    [2024, '2024-02-10'],
    [2025, '2025-01-29'],
    [2026, '2026-02-17'],
    [2027, '2027-02-06'],
    [2028, '2028-01-26'],
  ])('Tết %i is %s', (year, expected) => {
    const { month, day } = lunarToSolar(1, 1, year);
    expect(`${year}-${pad(month)}-${pad(day)}`).toBe(expected);
    expect(solarToLunar(year, month, day)).toEqual({ year, month: 1, day: 1, leap: false });
  });

  it.each([
    [2021, '2021-04-21'],
    [2022, '2022-04-10'],
    [2023, '2023-04-29'],
    [2024, '2024-04-18'],
    [2025, '2025-04-07'],
    [2026, '2026-04-26'],
    [2027, '2027-04-16'],
  ])('Giỗ Tổ Hùng Vương (10/3 lunar) %i is %s', (year, expected) => {
    const { month, day } = lunarToSolar(10, 3, year);
    expect(`${year}-${pad(month)}-${pad(day)}`).toBe(expected);
  });

  it.each([
    // Leap months: 2020 nhuận tháng 4, 2023 nhuận tháng 2, 2025 nhuận tháng 6.
    [2020, 5, 23, { year: 2020, month: 4, day: 1, leap: true }],
    [2023, 3, 22, { year: 2023, month: 2, day: 1, leap: true }],
    [2025, 7, 25, { year: 2025, month: 6, day: 1, leap: true }],
    [2025, 6, 25, { year: 2025, month: 6, day: 1, leap: false }],
    // Spec: 29 Chạp Bính Ngọ = Fri 5/2/2027 (a 29-day month 12).
    [2027, 2, 5, { year: 2026, month: 12, day: 29, leap: false }],
    // Before Tết the lunar year is still the previous one.
    [2024, 1, 1, { year: 2023, month: 11, day: 20, leap: false }],
  ])('solarToLunar(%i, %i, %i)', (y, m, d, expected) => {
    expect(solarToLunar(y, m, d)).toEqual(expected);
  });

  it('uses the time zone parameter: Tết 1985 is 20/2 at UTC+8', () => {
    expect(lunarToSolar(1, 1, 1985, false, 8)).toEqual({ year: 1985, month: 2, day: 20 });
  });

  it.each([
    ['leap flag on a month that is not leap', () => lunarToSolar(1, 5, 2025, true)],
    ['leap flag in a year without a leap month', () => lunarToSolar(1, 1, 2024, true)],
    ['day 30 of a 29-day month', () => lunarToSolar(30, 12, 2026)],
    ['an impossible solar date', () => solarToLunar(2025, 2, 29)],
    ['a month out of range', () => lunarToSolar(1, 13, 2025)],
  ])('rejects %s', (_label, call) => {
    expect(call).toThrow(RangeError);
  });

  it.each([
    [1900, 1, 1],
    [1900, 12, 31],
    [2199, 1, 1],
    [2199, 12, 31],
  ])('handles the edge date %i-%i-%i', (y, m, d) => {
    const lunar = solarToLunar(y, m, d);
    expect(lunarToSolar(lunar.day, lunar.month, lunar.year, lunar.leap)).toEqual({
      year: y,
      month: m,
      day: d,
    });
  });

  // Every day of each 25-year band: solar → lunar → solar is the identity, and consecutive days
  // either advance the lunar day by one or start a new month on day 1 after day 29 or 30.
  it.each([
    [1900, 1924],
    [1925, 1949],
    [1950, 1974],
    [1975, 1999],
    [2000, 2024],
    [2025, 2049],
    [2050, 2074], // 7/5/2054 and 9/4/2062: the mean-lunation guess of k is off by one
    [2075, 2099],
    [2100, 2124],
    [2125, 2149],
    [2150, 2174],
    [2175, 2199],
  ])('round-trips every day of %i–%i', (firstYear, lastYear) => {
    const first = dayNumberFromParts(firstYear, 1, 1);
    const last = dayNumberFromParts(lastYear, 12, 31);
    let previous = solarToLunar(firstYear, 1, 1);
    for (let n = first + 1; n <= last; n += 1) {
      const { year, month, day } = partsFromDayNumber(n);
      const lunar = solarToLunar(year, month, day);
      const back = lunarToSolar(lunar.day, lunar.month, lunar.year, lunar.leap);
      if (back.year !== year || back.month !== month || back.day !== day) {
        throw new Error(`round trip failed at ${year}-${month}-${day}`);
      }
      const continues = lunar.day === previous.day + 1 && lunar.month === previous.month;
      const newMonth = lunar.day === 1 && (previous.day === 29 || previous.day === 30);
      if (!continues && !newMonth) {
        throw new Error(`discontinuity at ${year}-${month}-${day}`);
      }
      previous = lunar;
    }
  });
});

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
