import { DomainError } from '../errors';

/**
 * The citizen rating scale. The spec leaves it "unconfirmed" (section 4, K8), so it comes from
 * configuration: 1–5 with 1 and 2 negative by default.
 */
export interface RatingScale {
  min: number;
  max: number;
  /** Scores at or below this count as a negative rating in K8. */
  negativeAtMost: number;
}

export const DEFAULT_RATING_SCALE: RatingScale = { min: 1, max: 5, negativeAtMost: 2 };

/** Long enough for a few sentences, short enough that the public form cannot be used as storage. */
export const RATING_COMMENT_MAX_LENGTH = 1000;

export function assertScoreOnScale(score: number, scale: RatingScale): void {
  if (!Number.isInteger(score) || score < scale.min || score > scale.max) {
    throw DomainError.validation(
      'score',
      `must be a whole number from ${scale.min} to ${scale.max}`,
    );
  }
}

export function isNegativeRating(score: number, scale: RatingScale): boolean {
  return score <= scale.negativeAtMost;
}

export interface SatisfactionInputs {
  /** The K1 rate for the same range and scope (percent); null when K1 has no population. */
  onTimeRate: number | null;
  /** Ratings given in the range. */
  rated: number;
  /** Of those, how many were negative. */
  negative: number;
}

export interface SatisfactionFigures {
  /** 100 − (overdueRate + negativeShare), 2 decimals, never below 0; null with no rating. */
  value: number | null;
  /** 100 − K1 rate; 0 when K1 has no population (nothing was due). */
  overdueRate: number;
  /** negative ÷ rated × 100, 2 decimals; null with no rating. */
  negativeShare: number | null;
}

const round2 = (x: number) => Math.round(x * 100) / 100;

/**
 * K8 by the 766 method: 100 % − (overdue rate + share of dossiers with a PAKN or a negative
 * rating). PAKN are not recorded, so only negative ratings enter the second term. Without any
 * rating the share is unknown, and so is K8: a province with no ratings must not show 100 %.
 */
export function satisfactionRate(input: SatisfactionInputs): SatisfactionFigures {
  const overdueRate = input.onTimeRate === null ? 0 : round2(100 - input.onTimeRate);
  if (input.rated === 0) {
    return { value: null, overdueRate, negativeShare: null };
  }
  const share = (input.negative * 100) / input.rated;
  return {
    value: Math.max(0, round2(100 - overdueRate - share)),
    overdueRate,
    negativeShare: round2(share),
  };
}
