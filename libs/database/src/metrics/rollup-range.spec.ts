import { splitRollupRange } from './rollup-range';

describe('splitRollupRange', () => {
  it.each([
    // from, to, head, months [from, end), tail
    [
      '2025-01-01',
      '2025-12-31',
      ['2025-01-01', '2024-12-31'],
      ['2025-01-01', '2026-01-01'],
      ['2026-01-01', '2025-12-31'],
    ],
    [
      '2025-01-15',
      '2025-03-10',
      ['2025-01-15', '2025-01-31'],
      ['2025-02-01', '2025-03-01'],
      ['2025-03-01', '2025-03-10'],
    ],
    [
      '2025-02-03',
      '2025-02-20',
      ['2025-02-03', '2025-02-20'],
      ['2025-03-01', '2025-03-01'],
      ['2025-02-21', '2025-02-20'],
    ],
    [
      '2025-03-15',
      '2025-04-10',
      ['2025-03-15', '2025-04-10'],
      ['2025-04-01', '2025-04-01'],
      ['2025-04-11', '2025-04-10'],
    ],
    [
      '2024-02-01',
      '2024-02-29',
      ['2024-02-01', '2024-01-31'],
      ['2024-02-01', '2024-03-01'],
      ['2024-03-01', '2024-02-29'],
    ],
    [
      '2025-03-02',
      '2025-04-30',
      ['2025-03-02', '2025-03-31'],
      ['2025-04-01', '2025-05-01'],
      ['2025-05-01', '2025-04-30'],
    ],
    [
      '2025-12-01',
      '2025-12-01',
      ['2025-12-01', '2025-12-01'],
      ['2025-12-01', '2025-12-01'],
      ['2025-12-02', '2025-12-01'],
    ],
  ])('%s..%s', (from, to, head, months, tail) => {
    const r = splitRollupRange(from, to);
    expect([r.headFrom, r.headTo]).toEqual(head);
    expect([r.monthsFrom, r.monthsEnd]).toEqual(months);
    expect([r.tailFrom, r.tailTo]).toEqual(tail);
  });

  it('covers every day of the range exactly once', () => {
    const days = (from: string, to: string) => {
      const out: string[] = [];
      for (let d = new Date(`${from}T00:00:00Z`); d <= new Date(`${to}T00:00:00Z`);) {
        out.push(d.toISOString().slice(0, 10));
        d = new Date(d.getTime() + 86_400_000);
      }
      return out;
    };
    for (const [from, to] of [
      ['2024-12-31', '2025-01-01'],
      ['2025-01-15', '2025-06-14'],
      ['2024-02-29', '2024-03-31'],
      ['2025-07-01', '2025-07-01'],
    ]) {
      const r = splitRollupRange(from, to);
      const covered = [
        ...days(r.headFrom, r.headTo),
        ...days(r.monthsFrom, r.monthsEnd).filter((d) => d < r.monthsEnd),
        ...days(r.tailFrom, r.tailTo),
      ].sort();
      expect(covered).toEqual(days(from, to));
    }
  });
});
