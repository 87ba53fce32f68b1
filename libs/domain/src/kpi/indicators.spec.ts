import {
  k2AverageWorkingDays,
  k4OnlineShare,
  k6SignedShare,
  k7PostalShares,
  percentOf,
} from './indicators';

describe('ratio indicators (spec §4)', () => {
  it.each([
    [1, 8, 12.5],
    [2, 3, 66.67],
    [1, 3, 33.33],
    [0, 5, 0],
    [5, 5, 100],
    [0, 0, null],
  ])('percentOf(%i, %i) = %s', (num, den, expected) => {
    expect(percentOf(num, den)).toBe(expected);
  });

  it('refuses counts that are not counts', () => {
    expect(() => percentOf(-1, 3)).toThrow(RangeError);
    expect(() => percentOf(1.5, 3)).toThrow(RangeError);
  });

  it('K2: 26 working days over 5 resolved applications is 5.2; none resolved is N/A', () => {
    expect(k2AverageWorkingDays(26, 5)).toBe(5.2);
    expect(k2AverageWorkingDays(0, 0)).toBeNull();
  });

  it('K4, K6, K7 as shares of the right denominators', () => {
    expect(k4OnlineShare(3, 11)).toBe(27.27);
    expect(k6SignedShare(1, 1)).toBe(100);
    expect(
      k7PostalShares({ receivedByPost: 1, received: 11, returnedByPost: 1, returned: 1 }),
    ).toEqual({
      reception: 9.09,
      return: 100,
    });
    expect(
      k7PostalShares({ receivedByPost: 0, received: 0, returnedByPost: 0, returned: 0 }),
    ).toEqual({
      reception: null,
      return: null,
    });
  });
});
