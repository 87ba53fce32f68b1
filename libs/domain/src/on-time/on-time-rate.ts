export interface OnTimeCounts {
  onTime: number;
  early: number;
  late: number;
}

/**
 * K1 rate in percent, two decimals: (early + on time) / all × 100. Null (N/A) for an empty
 * population. Rounded from integers so that e.g. 1/8 gives 12.5, not 12.499999.
 */
export function onTimeRate(counts: OnTimeCounts): number | null {
  const values = [counts.onTime, counts.early, counts.late];
  if (!values.every((n) => Number.isInteger(n) && n >= 0)) {
    throw new RangeError('onTimeRate needs whole, non-negative counts');
  }
  const total = counts.onTime + counts.early + counts.late;
  if (total === 0) {
    return null;
  }
  return Math.round(((counts.early + counts.onTime) * 10_000) / total) / 100;
}
