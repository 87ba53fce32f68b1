/**
 * The ratio indicators of spec §4 besides K1 (and K8, in satisfaction/), as formulas over the
 * counts of one period. What each count holds is defined where it is counted
 * (kpi-contributions.ts: received on the reception day, completions on the reception day,
 * returns on the return day), and the period read path judges them as of the period's end.
 */

/** num ÷ den × 100, two decimals; null when den is 0 (N/A, never 0 % or 100 %). */
export function percentOf(num: number, den: number): number | null {
  if (!Number.isInteger(num) || !Number.isInteger(den) || num < 0 || den < 0) {
    throw new RangeError('percentOf needs whole, non-negative counts');
  }
  return den === 0 ? null : Math.round((num * 10_000) / den) / 100;
}

/**
 * K2: average processing time, in working days, over the applications received in the period
 * and resolved (9/10) before its end (766: "started in the period"); null when none.
 */
export function k2AverageWorkingDays(totalWorkingDays: number, completed: number): number | null {
  return completed === 0 ? null : Math.round((totalWorkingDays * 100) / completed) / 100;
}

/**
 * K3: procedures offered end to end online (toàn trình) and published on DVCQG ÷ procedures
 * the national database flags as eligible for toàn trình (766).
 */
export function k3FullOnlineCoverage(offeredAndPublished: number, eligible: number): number | null {
  return percentOf(offeredAndPublished, eligible);
}

/** K4: received online (channel 2) ÷ received, in the period. */
export function k4OnlineShare(receivedOnline: number, received: number): number | null {
  return percentOf(receivedOnline, received);
}

/**
 * K6 (project definition): online applications with a digitally signed electronic result ÷
 * online applications resolved — both over applications received in the period.
 */
export function k6SignedShare(onlineSigned: number, onlineCompleted: number): number | null {
  return percentOf(onlineSigned, onlineCompleted);
}

/** K7: received by post (channel 3) ÷ received; results returned by post ÷ results returned. */
export function k7PostalShares(c: {
  receivedByPost: number;
  received: number;
  returnedByPost: number;
  returned: number;
}): { reception: number | null; return: number | null } {
  return {
    reception: percentOf(c.receivedByPost, c.received),
    return: percentOf(c.returnedByPost, c.returned),
  };
}

/**
 * K5's related 766 sync rate (spec §4, §10): applications received in the period whose latest
 * state the national portal has acknowledged ÷ applications received in the period.
 */
export function k5SyncRate(acknowledged: number, received: number): number | null {
  return percentOf(acknowledged, received);
}

/**
 * Sync lag: from a change of status to the portal's acknowledgement, over the changes of the
 * period that were acknowledged; average and worst, in seconds (null when none).
 */
export function k5SyncLag(lagsSeconds: { total: number; count: number; max: number }): {
  averageSeconds: number | null;
  maxSeconds: number | null;
} {
  return lagsSeconds.count === 0
    ? { averageSeconds: null, maxSeconds: null }
    : {
        averageSeconds: Math.round((lagsSeconds.total * 10) / lagsSeconds.count) / 10,
        maxSeconds: Math.round(lagsSeconds.max * 10) / 10,
      };
}
