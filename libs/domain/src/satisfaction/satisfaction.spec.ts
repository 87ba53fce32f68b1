import { DomainError, DomainErrorCode } from '../errors';
import {
  assertScoreOnScale,
  DEFAULT_RATING_SCALE,
  isNegativeRating,
  RatingScale,
  satisfactionRate,
} from './satisfaction';

describe('assertScoreOnScale', () => {
  const tenPoint: RatingScale = { min: 0, max: 10, negativeAtMost: 4 };

  it.each([
    [1, DEFAULT_RATING_SCALE],
    [5, DEFAULT_RATING_SCALE],
    [0, tenPoint],
    [10, tenPoint],
  ])('%p on %o is accepted', (score, scale) => {
    expect(() => assertScoreOnScale(score, scale)).not.toThrow();
  });

  it.each([0, 6, -1, 2.5, Number.NaN, Number.POSITIVE_INFINITY])(
    '%p on 1–5 → validation error naming score',
    (score) => {
      let caught: unknown;
      try {
        assertScoreOnScale(score, DEFAULT_RATING_SCALE);
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(DomainError);
      expect(caught).toMatchObject({
        code: DomainErrorCode.Validation,
        details: [{ field: 'score', reason: 'must be a whole number from 1 to 5' }],
      });
    },
  );
});

describe('isNegativeRating (default 1–5, negative ≤ 2)', () => {
  it.each([
    [1, true],
    [2, true],
    [3, false],
    [4, false],
    [5, false],
  ])('%p → %p', (score, negative) => {
    expect(isNegativeRating(score, DEFAULT_RATING_SCALE)).toBe(negative);
  });
});

describe('satisfactionRate (K8 = 100 − (overdue rate + negative share))', () => {
  it.each([
    // [case, K1 rate, rated, negative, value, overdue, negative share]
    ['all on time, no negative', 100, 4, 0, 100, 0, 0],
    ['all on time, 1 of 4 negative', 100, 4, 1, 75, 0, 25],
    ['87.5 % on time, 1 of 5 negative', 87.5, 5, 1, 67.5, 12.5, 20],
    ['thirds round to 2 decimals', 100, 3, 1, 66.67, 0, 33.33],
    ['K1 rounded, then a third', 95.24, 3, 2, 28.57, 4.76, 66.67],
    ['the sum past 100 % floors at 0', 40, 2, 2, 0, 60, 100],
    ['no K1 population: nothing overdue', null, 2, 1, 50, 0, 50],
  ] as const)('%s', (_, onTimeRate, rated, negative, value, overdueRate, negativeShare) => {
    expect(satisfactionRate({ onTimeRate, rated, negative })).toEqual({
      value,
      overdueRate,
      negativeShare,
    });
  });

  it('no rating → no value (not 100 %), the overdue rate still shown', () => {
    expect(satisfactionRate({ onTimeRate: 90, rated: 0, negative: 0 })).toEqual({
      value: null,
      overdueRate: 10,
      negativeShare: null,
    });
  });
});
