import { onTimeRate } from './on-time-rate';

describe('onTimeRate (K1, percent, 2 decimals)', () => {
  it.each([
    [{ onTime: 0, early: 0, late: 0 }, null],
    [{ onTime: 98, early: 0, late: 2 }, 98],
    [{ onTime: 50, early: 50, late: 0 }, 100],
    [{ onTime: 1, early: 0, late: 2 }, 33.33],
    [{ onTime: 0, early: 2, late: 1 }, 66.67],
    [{ onTime: 1, early: 0, late: 7 }, 12.5],
    [{ onTime: 0, early: 0, late: 5 }, 0],
    [{ onTime: 1, early: 0, late: 31 }, 3.13],
  ])('%o → %p', (counts, expected) => {
    expect(onTimeRate(counts)).toBe(expected);
  });

  it.each([[{ onTime: -1, early: 0, late: 0 }], [{ onTime: 0.5, early: 0, late: 1 }]])(
    'rejects %o',
    (counts) => {
      expect(() => onTimeRate(counts)).toThrow(RangeError);
    },
  );
});
