import { addLocalDays, localWeekday, type LocalDate } from './local-date';
import { OFFICIAL_NOTICES_2025_2026, type CalendarOverride } from './official-notices';
import { WorkingCalendar } from './working-calendar';

const calendar = new WorkingCalendar(OFFICIAL_NOTICES_2025_2026);
const rulesOnly = new WorkingCalendar([]);

/** Weekdays that are not worked, and Saturdays/Sundays that are, scanning every day. */
function exceptions(
  cal: WorkingCalendar,
  year: number,
): { daysOff: LocalDate[]; worked: LocalDate[] } {
  const daysOff: LocalDate[] = [];
  const worked: LocalDate[] = [];
  for (let day = `${year}-01-01`; day.startsWith(`${year}`); day = addLocalDays(day, 1)) {
    const weekend = [0, 6].includes(localWeekday(day));
    if (!weekend && !cal.isWorkingDay(day)) {
      daysOff.push(day);
    }
    if (weekend && cal.isWorkingDay(day)) {
      worked.push(day);
    }
  }
  return { daysOff, worked };
}

describe('WorkingCalendar with the 2025–2026 notices equals the spec table', () => {
  it.each([
    [
      2025,
      [
        '2025-01-01', // Wed, Art. 112
        ...['2025-01-27', '2025-01-28', '2025-01-29', '2025-01-30', '2025-01-31'], // Tết, TB 6150
        '2025-04-07', // Giỗ Tổ
        '2025-04-30',
        '2025-05-01',
        '2025-05-02', // swapped with Sat 26/4
        '2025-09-01',
        '2025-09-02',
      ],
      ['2025-04-26'],
    ],
    [
      2026,
      [
        '2026-01-01',
        '2026-01-02', // swapped with Sat 10/1, CV 12729/VPCP-KGVX
        ...['2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20'], // Tết, TB 9441
        '2026-04-27', // Giỗ Tổ falls on Sun 26/4, Art. 111(3)
        '2026-04-30',
        '2026-05-01',
        '2026-08-31', // swapped with Sat 22/8
        '2026-09-01',
        '2026-09-02',
        '2026-11-24', // NQ 28/2026/QH16
      ],
      ['2026-01-10', '2026-08-22'],
    ],
  ])('%i: weekdays off and Saturdays worked', (year, daysOff, worked) => {
    expect(exceptions(calendar, year)).toEqual({ daysOff, worked });
  });

  it.each([2025, 2026])('describeYear(%i) agrees with isWorkingDay', (year) => {
    for (const entry of calendar.describeYear(year)) {
      expect(calendar.isWorkingDay(entry.date)).toBe(entry.kind === 'working_saturday');
    }
  });

  it('describes 2026 with names and sources', () => {
    const byDate = new Map(calendar.describeYear(2026).map((e) => [e.date, e]));
    expect(byDate.get('2026-01-01')).toMatchObject({
      kind: 'holiday',
      name: 'Tết Dương lịch',
      source: 'rule:Art. 112',
    });
    expect(byDate.get('2026-01-10')).toMatchObject({
      kind: 'working_saturday',
      source: 'CV 12729/VPCP-KGVX',
    });
    expect(byDate.get('2026-04-26')).toMatchObject({ kind: 'holiday', name: 'Giỗ Tổ Hùng Vương' });
    expect(byDate.get('2026-04-27')).toMatchObject({
      kind: 'compensatory',
      name: 'Nghỉ bù',
      source: 'rule:Art. 111(3)',
      compensatesFor: '2026-04-26',
    });
    expect(byDate.get('2026-08-31')).toMatchObject({ kind: 'day_off', source: 'TB 9441/TB-BNV' });
    expect(byDate.get('2026-09-01')).toMatchObject({ kind: 'holiday', name: 'Ngày Quốc khánh' });
    expect(byDate.get('2026-11-24')).toMatchObject({
      name: 'Ngày Văn hóa Việt Nam',
      source: 'rule:NQ 28/2026/QH16 Art. 2',
    });
    const dates = [...byDate.keys()];
    expect(dates).toEqual([...dates].sort());
  });

  it('returns copies, so callers cannot corrupt the cache', () => {
    calendar.describeYear(2026)[0].kind = 'working_saturday';
    expect(calendar.describeYear(2026)[0].kind).toBe('holiday');
  });
});

describe('holiday rules without notices', () => {
  it('2025 by the rules alone: Tết Tue 28/1 – Sat 1/2, made up on Mon 3/2', () => {
    expect(exceptions(rulesOnly, 2025).daysOff).toEqual([
      '2025-01-01',
      ...['2025-01-28', '2025-01-29', '2025-01-30', '2025-01-31', '2025-02-03'],
      '2025-04-07',
      '2025-04-30',
      '2025-05-01',
      '2025-09-01',
      '2025-09-02',
    ]);
  });

  it('2027 (spec table, unconfirmed): Tết 5–9/2 with Sat 6 and Sun 7 made up on 10 and 11/2', () => {
    expect(exceptions(calendar, 2027)).toEqual({
      daysOff: [
        '2027-01-01',
        ...['2027-02-05', '2027-02-08', '2027-02-09', '2027-02-10', '2027-02-11'],
        '2027-04-16', // Giỗ Tổ, 10/3 Đinh Mùi
        '2027-04-30',
        '2027-05-03', // Sat 1/5 made up
        '2027-09-01',
        '2027-09-02',
        '2027-11-24',
      ],
      worked: [],
    });
  });

  it.each([
    ['2025-11-24', true], // Monday, before NQ 28/2026 took effect
    ['2026-11-24', false],
    ['2028-01-01', false], // Saturday: rest day anyway
    ['2028-01-03', false], // ... made up on Monday
    ['2029-11-24', false], // Saturday
    ['2029-11-26', false], // made up on Monday (compensateOnWeekend defaults to true)
    ['2026-01-10', true], // swapped Saturday
    ['2026-01-17', false], // ordinary Saturday
  ])('isWorkingDay(%s) = %p', (date, working) => {
    expect(calendar.isWorkingDay(date)).toBe(working);
  });

  it.each([
    [
      'nationalDayAdjacent after',
      { nationalDayAdjacent: 'after' as const },
      '2027-09-03',
      '2027-09-01',
    ],
    [
      'no 24/11 make-up (Sat 24/11/2029)',
      { cultureDay: { effectiveFrom: '2026-07-01', compensateOnWeekend: false } },
      '2029-11-24',
      '2029-11-26',
    ],
    [
      'Tết 3 days before, 3 after',
      { tet: { daysBefore: 3, daysAfter: 3 } },
      '2026-02-24',
      '2026-02-25',
    ],
    [
      'Tết 1 day before, 4 after',
      { tet: { daysBefore: 1, daysAfter: 4 } },
      '2026-02-23',
      '2026-02-24',
    ],
    ['Sunday the only rest day', { weeklyRestDays: [0 as const] }, '2026-01-18', '2026-01-17'],
  ])('configurable rules: %s', (_label, change, dayOff, workingDay) => {
    const custom = new WorkingCalendar([], {
      weeklyRestDays: [0, 6],
      tet: { daysBefore: 1, daysAfter: 3 },
      nationalDayAdjacent: 'before',
      cultureDay: { effectiveFrom: '2026-07-01', compensateOnWeekend: true },
      ...change,
    });
    expect(custom.isWorkingDay(dayOff)).toBe(false);
    expect(custom.isWorkingDay(workingDay)).toBe(true);
  });

  it('rejects rules with no working weekday', () => {
    expect(
      () =>
        new WorkingCalendar([], {
          weeklyRestDays: [0, 1, 2, 3, 4, 5, 6],
          tet: { daysBefore: 1, daysAfter: 3 },
          nationalDayAdjacent: 'before',
          cultureDay: { effectiveFrom: '2026-07-01', compensateOnWeekend: true },
        }),
    ).toThrow(RangeError);
  });
});

describe('overrides', () => {
  const override = (date: LocalDate, kind: CalendarOverride['kind']): CalendarOverride => ({
    date,
    kind,
    reason: 'test',
    source: 'test notice',
  });

  it.each([
    ['a day off on a weekday', [override('2027-03-03', 'day_off')], '2027-03-03', false],
    ['a worked Saturday', [override('2027-03-06', 'working_day')], '2027-03-06', true],
    ['cancelling a rule holiday', [override('2027-04-16', 'working_day')], '2027-04-16', true],
    [
      'the later of two overrides for one date',
      [override('2027-03-03', 'day_off'), override('2027-03-03', 'working_day')],
      '2027-03-03',
      true,
    ],
  ])('%s', (_label, overrides, date, working) => {
    expect(new WorkingCalendar(overrides).isWorkingDay(date)).toBe(working);
  });
});

describe('working-day arithmetic', () => {
  it.each([
    ['2026-01-09', 1, '2026-01-10'], // swapped Saturday
    ['2026-02-13', 1, '2026-02-23'], // over Tết 2026
    ['2025-12-30', 3, '2026-01-06'], // over 1/1 and 2/1/2026
    ['2026-08-28', 1, '2026-09-03'], // 31/8, 1/9, 2/9 off
    ['2026-02-14', 0, '2026-02-14'], // day 0 is the date itself, working or not
  ])('addWorkingDays(%s, %i) = %s', (date, n, expected) => {
    expect(calendar.addWorkingDays(date, n)).toBe(expected);
    expect(calendar.workingDaysBetween(date, expected)).toBe(n);
  });

  it.each([
    ['2026-02-13', '2026-02-23'],
    ['2026-04-25', '2026-04-28'],
    ['2026-01-09', '2026-01-10'],
  ])('nextWorkingDay(%s) = %s', (date, expected) => {
    expect(calendar.nextWorkingDay(date)).toBe(expected);
  });

  it('counts (a, b] exactly like a day-by-day walk, within a year and over several', () => {
    const walk = (a: LocalDate, b: LocalDate) => {
      let n = 0;
      for (let d = addLocalDays(a, 1); d <= b; d = addLocalDays(d, 1)) {
        n += calendar.isWorkingDay(d) ? 1 : 0;
      }
      return n;
    };
    // Deterministic spread of pairs: 1 day to ~4 years apart, over Tết, 1/1 and year ends.
    for (let i = 0; i < 400; i += 1) {
      const a = addLocalDays('2023-01-01', (i * 37) % 1400);
      const b = addLocalDays(a, (i * i * 13) % 1500);
      expect([a, b, calendar.workingDaysBetween(a, b)]).toEqual([a, b, walk(a, b)]);
    }
    expect(calendar.workingDaysBetween('2025-12-31', '2026-01-01')).toBe(0);
    expect(calendar.workingDaysBetween('2025-12-31', '2026-01-05')).toBe(1);
    expect(calendar.workingDaysBetween('2026-03-10', '2026-03-10')).toBe(0);
  });

  it('counts backwards as a negative number and rejects negative n', () => {
    expect(calendar.workingDaysBetween('2026-02-23', '2026-02-13')).toBe(-1);
    expect(() => calendar.addWorkingDays('2026-02-13', -1)).toThrow(RangeError);
  });
});
