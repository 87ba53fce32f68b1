import { Inject, Injectable, Logger } from '@nestjs/common';
import { toLocalDate } from '@app/domain';
import {
  KpiRollupRepository,
  ROLLUP_COUNTERS,
  RollupKey,
  RollupRow,
  WorkingCalendarService,
} from '@app/database';
import { Clock } from '../clock/clock';
import { classifyResult, OUTCOME_COUNTER } from './kpi-classification';
import { zeroCounters } from './rollup-deltas';

export interface RollupDrift {
  key: string;
  stored: Partial<RollupRow> | null;
  expected: Partial<RollupRow> | null;
}

const keyOf = (r: RollupKey) => `${r.day}|${r.departmentId}|${r.procedureId}|${r.channel}`;

/**
 * Recomputes the roll-ups of a date range from the source rows and reports every row that
 * differs from what the consumers stored (0 expected). It reports, it does not overwrite:
 * events still in flight would otherwise be counted twice once they land.
 */
@Injectable()
export class KpiReconciliationService {
  private readonly logger = new Logger(KpiReconciliationService.name);
  private lastDrift = 0;

  constructor(
    @Inject(KpiRollupRepository) private readonly rollups: KpiRollupRepository,
    @Inject(WorkingCalendarService) private readonly calendars: WorkingCalendarService,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  /** Local dates 'YYYY-MM-DD', inclusive. */
  async reconcile(from: string, to: string): Promise<RollupDrift[]> {
    const expected = new Map<string, RollupRow>();
    for (const row of await this.rollups.recomputeCounts(from, to)) {
      expected.set(keyOf(row), row);
    }
    const calendar = await this.calendars.current();
    const policy = this.calendars.deadlinePolicy();
    const now = this.clock.now();
    const rowFor = (key: RollupKey): RollupRow => {
      const row = expected.get(keyOf(key)) ?? { ...key, ...zeroCounters() };
      expected.set(keyOf(key), row);
      return row;
    };
    for (const source of await this.rollups.findResultsBetween(from, to)) {
      const outcome = classifyResult(source, calendar, policy, now).outcome;
      rowFor({
        day: toLocalDate(new Date(source.resultReadyAt!)),
        departmentId: source.departmentId,
        procedureId: source.procedureId,
        channel: source.channel,
      })[OUTCOME_COUNTER[outcome]] += 1;
    }
    for (const b of await this.rollups.findCompletionsReceivedBetween(from, to)) {
      const row = rowFor({ ...b, day: b.receivedDay });
      row.completed += b.completed;
      row.completed_working_days +=
        b.completed * calendar.workingDaysBetween(b.receivedDay, b.resultDay);
      row.completed_signed += b.signed;
    }
    const stored = new Map((await this.rollups.findRollups(from, to)).map((r) => [keyOf(r), r]));
    const drift: RollupDrift[] = [];
    for (const key of new Set([...expected.keys(), ...stored.keys()])) {
      const e = expected.get(key);
      const s = stored.get(key);
      if (ROLLUP_COUNTERS.some((c) => (e?.[c] ?? 0) !== (s?.[c] ?? 0))) {
        drift.push({ key, stored: s ?? null, expected: e ?? null });
      }
    }
    this.lastDrift = drift.length;
    if (drift.length > 0) {
      this.logger.warn(
        `KPI roll-ups drift for ${from}..${to}: ${drift.length} row(s) differ: ${JSON.stringify(drift.slice(0, 20))}`,
      );
    } else {
      this.logger.log(`KPI roll-ups for ${from}..${to} match the source rows`);
    }
    return drift;
  }

  /** Rows that differed in the last run (for the metrics endpoint). */
  driftCount(): number {
    return this.lastDrift;
  }
}
