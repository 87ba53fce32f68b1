import {
  calendarBuckets,
  identifyReportingPeriod,
  reportingPeriodsEndingBetween,
  periodKeyLabel,
  periodName,
  quarterKey,
  rangeLength,
  reportingPeriod,
  type PeriodKind,
  type PeriodType,
} from './periods';

describe('reportingPeriod', () => {
  const cases: Array<[PeriodKind, PeriodType, number, number, string, string]> = [
    // calendar periods
    ['month', 'calendar', 2026, 1, '2026-01-01', '2026-01-31'],
    ['month', 'calendar', 2028, 2, '2028-02-01', '2028-02-29'], // leap year
    ['month', 'calendar', 2027, 2, '2027-02-01', '2027-02-28'],
    ['month', 'calendar', 2026, 12, '2026-12-01', '2026-12-31'],
    ['quarter', 'calendar', 2026, 1, '2026-01-01', '2026-03-31'],
    ['quarter', 'calendar', 2026, 2, '2026-04-01', '2026-06-30'],
    ['quarter', 'calendar', 2026, 4, '2026-10-01', '2026-12-31'],
    ['half', 'calendar', 2026, 1, '2026-01-01', '2026-06-30'],
    ['half', 'calendar', 2026, 2, '2026-07-01', '2026-12-31'],
    ['nine-months', 'calendar', 2026, 1, '2026-01-01', '2026-09-30'],
    ['year', 'calendar', 2026, 1, '2026-01-01', '2026-12-31'],
    // administrative periods (15th – 14th), crossing year boundaries
    ['month', 'administrative', 2026, 1, '2025-12-15', '2026-01-14'],
    ['month', 'administrative', 2026, 3, '2026-02-15', '2026-03-14'],
    ['month', 'administrative', 2027, 12, '2027-11-15', '2027-12-14'],
    ['quarter', 'administrative', 2026, 1, '2025-12-15', '2026-03-14'],
    ['quarter', 'administrative', 2026, 2, '2026-03-15', '2026-06-14'],
    ['quarter', 'administrative', 2026, 3, '2026-06-15', '2026-09-14'],
    ['quarter', 'administrative', 2026, 4, '2026-09-15', '2026-12-14'],
    ['half', 'administrative', 2026, 1, '2025-12-15', '2026-06-14'],
    ['half', 'administrative', 2026, 2, '2026-06-15', '2026-12-14'],
    ['nine-months', 'administrative', 2026, 1, '2025-12-15', '2026-09-14'],
    ['year', 'administrative', 2026, 1, '2025-12-15', '2026-12-14'],
    ['year', 'administrative', 2000, 1, '1999-12-15', '2000-12-14'],
  ];

  it.each(cases)('%s %s %i n=%i → %s – %s', (kind, type, year, n, from, to) => {
    expect(reportingPeriod(kind, type, year, n)).toEqual({ from, to });
  });

  it('administrative quarters tile the administrative year without gaps or overlaps', () => {
    const days = [1, 2, 3, 4]
      .map((n) => rangeLength(reportingPeriod('quarter', 'administrative', 2026, n)))
      .reduce((a, b) => a + b, 0);
    expect(days).toBe(rangeLength(reportingPeriod('year', 'administrative', 2026)));
  });

  it.each([
    ['month', 0],
    ['month', 13],
    ['quarter', 5],
    ['half', 3],
    ['year', 2],
    ['quarter', 1.5],
  ] as Array<[PeriodKind, number]>)('rejects %s n=%s', (kind, n) => {
    expect(() => reportingPeriod(kind, 'calendar', 2026, n)).toThrow(RangeError);
  });

  it('rejects an impossible year', () => {
    expect(() => reportingPeriod('year', 'calendar', 10_000)).toThrow(RangeError);
  });
});

describe('period names and keys', () => {
  it.each([
    ['quarter', 2026, 4, 'Quý IV/2026'],
    ['month', 2026, 10, 'Tháng 10/2026'],
    ['half', 2026, 1, '6 tháng đầu năm 2026'],
    ['half', 2026, 2, '6 tháng cuối năm 2026'],
    ['nine-months', 2026, 1, '9 tháng năm 2026'],
    ['year', 2026, 1, 'Năm 2026'],
  ] as Array<[PeriodKind, number, number, string]>)('%s %i n=%i is %s', (kind, y, n, name) => {
    expect(periodName(kind, y, n)).toBe(name);
  });

  it.each([
    ['2026-01-01', '2026-Q1'],
    ['2026-03-31', '2026-Q1'],
    ['2026-04-01', '2026-Q2'],
    ['2026-12-31', '2026-Q4'],
  ])('quarter of %s is %s', (date, key) => {
    expect(quarterKey(date)).toBe(key);
  });

  it('labels month and quarter keys in Vietnamese', () => {
    expect(periodKeyLabel('2026-10')).toBe('Tháng 10/2026');
    expect(periodKeyLabel('2026-Q4')).toBe('Quý IV/2026');
    expect(() => periodKeyLabel('2026')).toThrow(RangeError);
  });
});

describe('identifyReportingPeriod, reportingPeriodsEndingBetween, calendarBuckets', () => {
  it('names a range that is exactly a standard period', () => {
    expect(identifyReportingPeriod({ from: '2026-01-01', to: '2026-03-31' })).toEqual({
      kind: 'quarter',
      type: 'calendar',
      year: 2026,
      n: 1,
    });
    expect(identifyReportingPeriod({ from: '2025-12-15', to: '2026-03-14' })).toEqual({
      kind: 'quarter',
      type: 'administrative',
      year: 2026,
      n: 1,
    });
    expect(identifyReportingPeriod({ from: '2025-12-15', to: '2026-12-14' })).toEqual({
      kind: 'year',
      type: 'administrative',
      year: 2026,
      n: 1,
    });
    expect(identifyReportingPeriod({ from: '2026-01-01', to: '2026-09-30' })).toEqual({
      kind: 'nine-months',
      type: 'calendar',
      year: 2026,
      n: 1,
    });
    expect(identifyReportingPeriod({ from: '2026-01-02', to: '2026-03-31' })).toBeNull();
  });

  it('lists the periods that end in a range', () => {
    const ends = reportingPeriodsEndingBetween('2026-03-14', '2026-03-31').map(
      (p) => `${p.kind}/${p.type}/${p.n}:${p.to}`,
    );
    expect(ends).toEqual([
      'month/administrative/3:2026-03-14',
      'quarter/administrative/1:2026-03-14',
      'month/calendar/3:2026-03-31',
      'quarter/calendar/1:2026-03-31',
    ]);
  });

  it('splits a range into calendar months and quarters, clipped at its ends', () => {
    expect(calendarBuckets({ from: '2026-01-15', to: '2026-03-10' }, 'month')).toEqual([
      { key: '2026-01', from: '2026-01-15', to: '2026-01-31' },
      { key: '2026-02', from: '2026-02-01', to: '2026-02-28' },
      { key: '2026-03', from: '2026-03-01', to: '2026-03-10' },
    ]);
    expect(calendarBuckets({ from: '2025-11-01', to: '2026-04-30' }, 'quarter')).toEqual([
      { key: '2025-Q4', from: '2025-11-01', to: '2025-12-31' },
      { key: '2026-Q1', from: '2026-01-01', to: '2026-03-31' },
      { key: '2026-Q2', from: '2026-04-01', to: '2026-04-30' },
    ]);
  });
});
