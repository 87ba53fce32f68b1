import { toLocalDate } from '@app/domain';
import { ROLLUP_COUNTERS, RollupCounter, RollupKey, RollupRow } from '@app/database';

/**
 * Sums the counters a batch of events adds, one row per local day × department × procedure ×
 * channel, so a batch costs one upsert whatever its size and each hot row is touched once.
 */
export class RollupDeltas {
  private readonly rows = new Map<string, RollupRow>();

  add(
    at: string,
    scope: Omit<RollupKey, 'day'>,
    counters: Partial<Record<RollupCounter, number>>,
  ): void {
    this.addOnDay(toLocalDate(new Date(at)), scope, counters);
  }

  /** Adds to the row of a local day 'YYYY-MM-DD'. */
  addOnDay(
    day: string,
    scope: Omit<RollupKey, 'day'>,
    counters: Partial<Record<RollupCounter, number>>,
  ): void {
    for (const [counter, n] of Object.entries(counters) as Array<[RollupCounter, number]>) {
      this.addCount(day, scope, counter, n);
    }
  }

  /**
   * Adds n to one counter of a day's row. The KPI consumer calls this for every contribution of
   * every application of a batch, so it builds nothing but the row's key.
   */
  addCount(day: string, scope: Omit<RollupKey, 'day'>, counter: RollupCounter, n: number): void {
    const id = `${day}|${scope.departmentId}|${scope.procedureId}|${scope.channel}`;
    let row = this.rows.get(id);
    if (!row) {
      row = {
        day,
        departmentId: scope.departmentId,
        procedureId: scope.procedureId,
        channel: scope.channel,
        ...zeroCounters(),
      };
      this.rows.set(id, row);
    }
    row[counter] += n;
  }

  /** The rows with at least one non-zero counter. */
  toRows(): RollupRow[] {
    return [...this.rows.values()].filter((row) => ROLLUP_COUNTERS.some((c) => row[c] !== 0));
  }
}

export function zeroCounters(): Record<RollupCounter, number> {
  return Object.fromEntries(ROLLUP_COUNTERS.map((c) => [c, 0])) as Record<RollupCounter, number>;
}
