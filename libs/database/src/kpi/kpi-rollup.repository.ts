import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
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

export interface CompletionBucket {
  receivedDay: string;
  resultDay: string;
  departmentId: string;
  procedureId: string;
  channel: string;
  completed: number;
  signed: number;
}

export interface OutcomeRecord {
  applicationId: string;
  outcome: string;
  endAt: Date;
  endAdjustedAt: Date;
  classifiedAt: Date;
}

/** What K1 classification needs about one application (libs/domain classifyOnTime). */
export interface ClassificationSource {
  id: string;
  departmentId: string;
  procedureId: string;
  channel: string;
  receivedAt: Date;
  originalDueAt: Date | null;
  resultReadyAt: Date | null;
  timeLimitValue: number;
  timeLimitUnit: string;
  supplements: Array<{ requestedAt: string; completedAt: string | null }>;
}

const LOCAL_DAY = (column: string) => `(${column} AT TIME ZONE 'Asia/Ho_Chi_Minh')::date`;

const SOURCE_SELECT = `a.id, a.department_id AS "departmentId", a.procedure_id AS "procedureId", a.channel,
  a.received_at AS "receivedAt", a.original_due_at AS "originalDueAt", a.result_ready_at AS "resultReadyAt",
  p.time_limit_value AS "timeLimitValue", p.time_limit_unit AS "timeLimitUnit",
  COALESCE((SELECT jsonb_agg(jsonb_build_object('requestedAt', s.requested_at, 'completedAt', s.completed_at)
            ORDER BY s.requested_at) FROM application_supplements s WHERE s.application_id = a.id), '[]') AS supplements
  FROM applications a JOIN procedures p ON p.id = a.procedure_id`;

@Injectable()
export class KpiRollupRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

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

  async findClassificationSources(
    scope: TransactionScope,
    applicationIds: readonly string[],
  ): Promise<ClassificationSource[]> {
    if (applicationIds.length === 0) {
      return [];
    }
    return scope.manager.query(`SELECT ${SOURCE_SELECT} WHERE a.id = ANY($1::uuid[])`, [
      applicationIds,
    ]);
  }

  /** One row per application (the last of `outcomes` wins), in id order like incrementMany. */
  async recordOutcomes(scope: TransactionScope, outcomes: readonly OutcomeRecord[]): Promise<void> {
    const byApplication = new Map(outcomes.map((o) => [o.applicationId, o]));
    if (byApplication.size === 0) {
      return;
    }
    const rows = [...byApplication.values()].sort((a, b) =>
      a.applicationId < b.applicationId ? -1 : 1,
    );
    await scope.manager.query(
      `INSERT INTO application_outcomes (application_id, outcome, end_at, end_adjusted_at, classified_at)
       SELECT application_id, outcome, end_at, end_adjusted_at, classified_at
       FROM unnest($1::uuid[], $2::text[], $3::timestamptz[], $4::timestamptz[], $5::timestamptz[])
         WITH ORDINALITY AS t(application_id, outcome, end_at, end_adjusted_at, classified_at, n)
       ORDER BY n
       ON CONFLICT (application_id) DO UPDATE SET outcome = EXCLUDED.outcome, end_at = EXCLUDED.end_at,
         end_adjusted_at = EXCLUDED.end_adjusted_at, classified_at = EXCLUDED.classified_at`,
      [
        rows.map((o) => o.applicationId),
        rows.map((o) => o.outcome),
        rows.map((o) => o.endAt),
        rows.map((o) => o.endAdjustedAt),
        rows.map((o) => o.classifiedAt),
      ],
    );
  }

  /** Stored roll-ups for local days from..to inclusive. */
  async findRollups(from: string, to: string): Promise<RollupRow[]> {
    return this.dataSource.query(
      `SELECT to_char(day, 'YYYY-MM-DD') AS day, department_id AS "departmentId", procedure_id AS "procedureId", channel,
              ${ROLLUP_COUNTERS.join(', ')}
       FROM kpi_daily_rollups WHERE day BETWEEN $1 AND $2`,
      [from, to],
    );
  }

  /**
   * Every counter except the result split, recomputed from the source rows (applications,
   * apologies, application_supplements) for local days from..to inclusive.
   */
  async recomputeCounts(from: string, to: string): Promise<RollupRow[]> {
    const sql = `
      WITH facts AS (
        SELECT ${LOCAL_DAY('a.received_at')} AS day, a.department_id, a.procedure_id, a.channel,
               1 AS received, 0 AS stopped, 0 AS withdrawn, 0 AS apologies, 0 AS supplement_requests
          FROM applications a WHERE a.received_at IS NOT NULL AND ${LOCAL_DAY('a.received_at')} BETWEEN $1 AND $2
        UNION ALL
        SELECT ${LOCAL_DAY('a.stopped_at')}, a.department_id, a.procedure_id, a.channel,
               0, 1, CASE WHEN a.stop_reason = 'withdrawn' THEN 1 ELSE 0 END, 0, 0
          FROM applications a WHERE a.stopped_at IS NOT NULL AND ${LOCAL_DAY('a.stopped_at')} BETWEEN $1 AND $2
        UNION ALL
        SELECT ${LOCAL_DAY('ap.issued_at')}, a.department_id, a.procedure_id, a.channel, 0, 0, 0, 1, 0
          FROM apologies ap JOIN applications a ON a.id = ap.application_id
          WHERE ${LOCAL_DAY('ap.issued_at')} BETWEEN $1 AND $2
        UNION ALL
        SELECT ${LOCAL_DAY('s.requested_at')}, a.department_id, a.procedure_id, a.channel, 0, 0, 0, 0, 1
          FROM application_supplements s JOIN applications a ON a.id = s.application_id
          WHERE ${LOCAL_DAY('s.requested_at')} BETWEEN $1 AND $2
      )
      SELECT to_char(day, 'YYYY-MM-DD') AS day, department_id AS "departmentId", procedure_id AS "procedureId", channel,
             sum(received)::int AS received, sum(stopped)::int AS stopped, sum(withdrawn)::int AS withdrawn,
             sum(apologies)::int AS apologies, sum(supplement_requests)::int AS supplement_requests,
             0 AS result_early, 0 AS result_on_time, 0 AS result_late,
             0 AS completed, 0 AS completed_working_days, 0 AS completed_signed
      FROM facts GROUP BY day, department_id, procedure_id, channel`;
    return this.dataSource.query(sql, [from, to]);
  }

  /**
   * Applications received on local days from..to whose result is ready, by reception and
   * result day, with how many were marked digitally signed: the completion counters (K2, K6)
   * recomputed (working days need the calendar, so the caller adds those).
   */
  async findCompletionsReceivedBetween(from: string, to: string): Promise<CompletionBucket[]> {
    return this.dataSource.query(
      `SELECT to_char(${LOCAL_DAY('a.received_at')}, 'YYYY-MM-DD') AS "receivedDay",
              to_char(${LOCAL_DAY('a.result_ready_at')}, 'YYYY-MM-DD') AS "resultDay",
              a.department_id AS "departmentId", a.procedure_id AS "procedureId", a.channel,
              count(*)::int AS completed,
              count(*) FILTER (WHERE EXISTS (
                SELECT 1 FROM application_history h
                WHERE h.application_id = a.id AND h.to_status = 'result_ready'
                  AND h.payload->>'digitallySigned' = 'true'))::int AS signed
       FROM applications a
       WHERE a.result_ready_at IS NOT NULL AND ${LOCAL_DAY('a.received_at')} BETWEEN $1 AND $2
       GROUP BY 1, 2, 3, 4, 5`,
      [from, to],
    );
  }

  /**
   * Applications whose result was ready on local days from..to, for re-classification. Loaded
   * at once: reconciliation runs over one day at a time (a few thousand rows per province).
   */
  async findResultsBetween(from: string, to: string): Promise<ClassificationSource[]> {
    return this.dataSource.query(
      `SELECT ${SOURCE_SELECT}
       WHERE a.result_ready_at IS NOT NULL AND ${LOCAL_DAY('a.result_ready_at')} BETWEEN $1 AND $2`,
      [from, to],
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
