import { onTimeRate } from '../../on-time/on-time-rate';
import type { K1Category, K1Verdict } from './k1-standing';

/**
 * The counters of K1 for one period and group. Every member of the population is in exactly
 * one of the eleven category counters, so carriedOver + received = their sum (the workbooks'
 * check row).
 */
export interface K1Counts {
  /** Members received before the period. */
  carriedOver: number;
  /** Members received in the period (all applications received in it are members). */
  received: number;
  resolvedEarly: number;
  resolvedOnDay: number;
  resolvedLate: number;
  stoppedOnTime: number;
  stoppedLate: number;
  withdrawnOnTime: number;
  withdrawnLate: number;
  awaitingSupplementOnTime: number;
  awaitingSupplementLate: number;
  openOnTime: number;
  openLate: number;
}

export interface K1Figures extends K1Counts {
  population: number;
  onTimeCount: number;
  lateCount: number;
  /** onTimeCount ÷ population × 100, 2 decimals; null when the population is empty. */
  rate: number | null;
}

export const K1_COUNTER_NAMES: readonly (keyof K1Counts)[] = [
  'carriedOver',
  'received',
  'resolvedEarly',
  'resolvedOnDay',
  'resolvedLate',
  'stoppedOnTime',
  'stoppedLate',
  'withdrawnOnTime',
  'withdrawnLate',
  'awaitingSupplementOnTime',
  'awaitingSupplementLate',
  'openOnTime',
  'openLate',
];

/** The eleven counters a member can fall in; the rest (carriedOver, received) say when it came. */
export const K1_CATEGORY_COUNTERS: readonly (keyof K1Counts)[] = K1_COUNTER_NAMES.slice(2);

const ON_TIME_COUNTERS: readonly (keyof K1Counts)[] = [
  'resolvedEarly',
  'resolvedOnDay',
  'stoppedOnTime',
  'withdrawnOnTime',
  'awaitingSupplementOnTime',
  'openOnTime',
];

export function zeroK1Counts(): K1Counts {
  return Object.fromEntries(K1_COUNTER_NAMES.map((name) => [name, 0])) as unknown as K1Counts;
}

/** The counter a member falls in, from its category and verdict in the period. */
export function k1CounterFor(category: K1Category, verdict: K1Verdict): keyof K1Counts {
  const late = verdict === 'late';
  switch (category) {
    case 'resolved':
      return late ? 'resolvedLate' : verdict === 'early' ? 'resolvedEarly' : 'resolvedOnDay';
    case 'stopped':
      return late ? 'stoppedLate' : 'stoppedOnTime';
    case 'withdrawn':
      return late ? 'withdrawnLate' : 'withdrawnOnTime';
    case 'awaiting_supplement':
      return late ? 'awaitingSupplementLate' : 'awaitingSupplementOnTime';
    case 'open':
      return late ? 'openLate' : 'openOnTime';
  }
}

export function addK1Counts(a: K1Counts, b: Partial<K1Counts>): K1Counts {
  const out = { ...a };
  for (const name of K1_COUNTER_NAMES) {
    out[name] += b[name] ?? 0;
  }
  return out;
}

/** The population, the on-time count and the rate (spec §4: two decimals, N/A when empty). */
export function k1Figures(counts: K1Counts): K1Figures {
  const population = counts.carriedOver + counts.received;
  const categorised = K1_CATEGORY_COUNTERS.reduce((sum, name) => sum + counts[name], 0);
  if (categorised !== population) {
    throw new RangeError(
      `K1 counts do not balance: carried over ${counts.carriedOver} + received ${counts.received} ≠ ${categorised} in categories`,
    );
  }
  const onTimeCount = ON_TIME_COUNTERS.reduce((sum, name) => sum + counts[name], 0);
  const lateCount = population - onTimeCount;
  return {
    ...counts,
    population,
    onTimeCount,
    lateCount,
    rate: onTimeRate({ onTime: onTimeCount, early: 0, late: lateCount }),
  };
}
