import {
  K1_CATEGORIES,
  K1_COUNTER_NAMES,
  k1CounterFor,
  type K1Category,
  type K1Counts,
  type K1Verdict,
} from '@app/domain';

/** The other indicators' counters of a period (K2, K6, K7, apologies, supplement requests). */
export interface OtherPeriodCounts {
  /** Received in the period and resolved before its end (K2, K6). */
  completed: number;
  completedWorkingDays: number;
  completedSigned: number;
  /** Results returned in the period, and of them by post (K7). */
  returned: number;
  returnedByPost: number;
  apologies: number;
  supplementRequests: number;
}

/** Everything counted for one period and one department × procedure code × channel. */
export interface PeriodCountsRow extends K1Counts, OtherPeriodCounts {
  departmentId: string;
  procedureCode: string;
  channel: string;
}

export const OTHER_COUNTER_NAMES: readonly (keyof OtherPeriodCounts)[] = [
  'completed',
  'completedWorkingDays',
  'completedSigned',
  'returned',
  'returnedByPost',
  'apologies',
  'supplementRequests',
];

export const PERIOD_COUNTER_NAMES: readonly (keyof (K1Counts & OtherPeriodCounts))[] = [
  ...K1_COUNTER_NAMES,
  ...OTHER_COUNTER_NAMES,
];

/** camelCase counter → the snake_case column of kpi_period_figures. */
export const snake = (name: string) => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

const VERDICTS: Record<K1Category, K1Verdict[]> = {
  resolved: ['early', 'on_day', 'late'],
  stopped: ['early', 'on_day', 'late'],
  withdrawn: ['early', 'on_day', 'late'],
  awaiting_supplement: ['early', 'on_day', 'late'],
  open: ['on_time', 'late'],
};

/**
 * `count(*) FILTER (...) AS "<counter>"` for each of the eleven K1 category counters, generated
 * from libs/domain's k1CounterFor so that SQL and TypeScript cannot disagree on which member
 * falls in which counter. `category` and `verdict` are the columns of the relation counted.
 */
export function k1CategoryCountsSql(): string {
  const byCounter = new Map<string, string[]>();
  for (const category of K1_CATEGORIES) {
    for (const verdict of VERDICTS[category]) {
      const counter = k1CounterFor(category, verdict);
      byCounter.set(counter, [...(byCounter.get(counter) ?? []), `('${category}', '${verdict}')`]);
    }
  }
  return [...byCounter.entries()]
    .map(
      ([counter, pairs]) =>
        `count(*) FILTER (WHERE (category, verdict) IN (${pairs.join(', ')}))::int AS "${counter}"`,
    )
    .join(',\n');
}

export function zeroOtherCounts(): OtherPeriodCounts {
  return {
    completed: 0,
    completedWorkingDays: 0,
    completedSigned: 0,
    returned: 0,
    returnedByPost: 0,
    apologies: 0,
    supplementRequests: 0,
  };
}
