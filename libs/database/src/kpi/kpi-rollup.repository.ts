import { Injectable } from '@nestjs/common';
import { KPI_DAILY_COUNTERS } from '@app/domain';
import { TransactionScope } from '../consumers/consumed-event.repository';

/** The roll-up counters: libs/domain's one list (a new one needs a migration and the monthly trigger). */
export const ROLLUP_COUNTERS = KPI_DAILY_COUNTERS;
export type RollupCounter = (typeof ROLLUP_COUNTERS)[number];

export interface RollupKey {
  /** Local date in Asia/Ho_Chi_Minh, 'YYYY-MM-DD'. */
  day: string;
  departmentId: string;
  procedureId: string;
  channel: string;
}

export type RollupRow = RollupKey & Record<RollupCounter, number>;

@Injectable()
export class KpiRollupRepository {
  /**
   * Adds many rows' counters in one statement. Each key must appear once (ON CONFLICT cannot
   * touch a row twice in one command); rows are written in key order, so two replicas' batches
   * lock shared rows in the same order and wait instead of deadlocking.
   */
  async incrementMany(scope: TransactionScope, rows: readonly RollupRow[]): Promise<void> {
    if (rows.length === 0) {
      return;
    }
    const sorted = [...rows].sort((a, b) => compareKeys(a, b));
    const counterArrays = ROLLUP_COUNTERS.map((c) => sorted.map((r) => r[c]));
    const counterParams = ROLLUP_COUNTERS.map((c, i) => `$${i + 5}::int[]`);
    await scope.manager.query(
      `INSERT INTO kpi_daily_rollups (day, department_id, procedure_id, channel, ${ROLLUP_COUNTERS.join(', ')})
       SELECT day, department_id, procedure_id, channel, ${ROLLUP_COUNTERS.join(', ')}
       FROM unnest($1::date[], $2::uuid[], $3::uuid[], $4::text[], ${counterParams.join(', ')})
         WITH ORDINALITY AS t(day, department_id, procedure_id, channel, ${ROLLUP_COUNTERS.join(', ')}, n)
       ORDER BY n
       ON CONFLICT (day, department_id, procedure_id, channel) DO UPDATE SET
         ${ROLLUP_COUNTERS.map((c) => `${c} = kpi_daily_rollups.${c} + EXCLUDED.${c}`).join(', ')},
         updated_at = now()`,
      [
        sorted.map((r) => r.day),
        sorted.map((r) => r.departmentId),
        sorted.map((r) => r.procedureId),
        sorted.map((r) => r.channel),
        ...counterArrays,
      ],
    );
  }
}

function compareKeys(a: RollupKey, b: RollupKey): number {
  for (const field of ['day', 'departmentId', 'procedureId', 'channel'] as const) {
    if (a[field] !== b[field]) {
      return a[field] < b[field] ? -1 : 1;
    }
  }
  return 0;
}
