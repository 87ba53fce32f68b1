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
    const key: RollupKey = {
      day,
      departmentId: scope.departmentId,
      procedureId: scope.procedureId,
      channel: scope.channel,
    };
    const id = `${key.day}|${key.departmentId}|${key.procedureId}|${key.channel}`;
    let row = this.rows.get(id);
    if (!row) {
      row = { ...key, ...zeroCounters() };
      this.rows.set(id, row);
    }
    for (const [counter, n] of Object.entries(counters) as Array<[RollupCounter, number]>) {
      row[counter] += n;
    }
  }

  /** The rows with at least one non-zero counter. */
  toRows(): RollupRow[] {
    return [...this.rows.values()].filter((row) => ROLLUP_COUNTERS.some((c) => row[c] !== 0));
  }
}

export function zeroCounters(): Record<RollupCounter, number> {
  return Object.fromEntries(ROLLUP_COUNTERS.map((c) => [c, 0])) as Record<RollupCounter, number>;
}
