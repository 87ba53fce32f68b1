import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { OPEN_STATUSES } from '@app/domain';
import { sqlStatusList } from '../repositories/postgres';
import { rollupRangeParams, rollupRowsSql, splitRollupRange } from './rollup-range';

export type MetricsGroupBy = 'department' | 'procedure' | 'channel' | 'month' | 'quarter';

/** Sums of kpi_daily_rollups for one group over local days from..to. */
export interface RollupSums {
  key: string;
  label: string | null;
  received: number;
  early: number;
  onTime: number;
  late: number;
  apologies: number;
}

/** Open applications of one group, and how many of them are already late for K1. */
export interface OpenCounts {
  key: string;
  label: string | null;
  open: number;
  openOverdue: number;
}

export interface AtRiskRow {
  id: string;
  code: string;
  procedureCode: string;
  procedureName: string;
  departmentId: string;
  departmentName: string;
  status: string;
  dueAt: Date;
}

export interface ProcedureCoverage {
  procedures: number;
  eligibleFullOnline: number;
  eligibleFullOnlineOnPortal: number;
  fullOnline: number;
  fullOnlineOnPortal: number;
}

/** Completion counters (K2, K6) of applications received on the days summed. */
export interface CompletionSums {
  completed: number;
  workingDays: number;
  onlineCompleted: number;
  onlineSigned: number;
}

export const OPEN_STATUSES_SQL = sqlStatusList(OPEN_STATUSES);
const LOCAL_DAY = (column: string) => `(${column} AT TIME ZONE 'Asia/Ho_Chi_Minh')::date`;

const ROLLUP_GROUP: Record<MetricsGroupBy, { key: string; label: string; join: string }> = {
  department: {
    key: 'r.department_id::text',
    label: 'd.name',
    join: 'JOIN departments d ON d.id = r.department_id',
  },
  procedure: {
    key: 'r.procedure_id::text',
    label: 'p.name',
    join: 'JOIN procedures p ON p.id = r.procedure_id',
  },
  channel: { key: 'r.channel', label: 'NULL::text', join: '' },
  month: { key: `to_char(r.day, 'YYYY-MM')`, label: 'NULL::text', join: '' },
  quarter: {
    key: `to_char(r.day, 'YYYY') || '-Q' || extract(quarter FROM r.day)`,
    label: 'NULL::text',
    join: '',
  },
};

// Open applications are a snapshot, not a series: month/quarter groupings get one row ('*')
// that the service places in the last bucket of the range. Labels are joined after counting,
// so the count itself reads only the covering index applications_open_kpi.
const OPEN_GROUP: Record<MetricsGroupBy, { key: string; label: string; join: string }> = {
  department: {
    key: 'a.department_id::text',
    label: 'd.name',
    join: 'LEFT JOIN departments d ON d.id::text = c.key',
  },
  procedure: {
    key: 'a.procedure_id::text',
    label: 'p.name',
    join: 'LEFT JOIN procedures p ON p.id::text = c.key',
  },
  channel: { key: 'a.channel', label: 'NULL::text', join: '' },
  month: { key: `'*'`, label: 'NULL::text', join: '' },
  quarter: { key: `'*'`, label: 'NULL::text', join: '' },
};

/** Read-only queries of the managers' metrics: roll-ups, the open partial index, the catalog. */
@Injectable()
export class MetricsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Roll-up counters summed per group over local days from..to (roll-up rows only): whole
   * months from kpi_monthly_rollups, the days around them from kpi_daily_rollups.
   */
  async sumRollups(
    from: string,
    to: string,
    groupBy: MetricsGroupBy,
    departmentId: string | null,
  ): Promise<RollupSums[]> {
    const g = ROLLUP_GROUP[groupBy];
    const columns =
      'department_id, procedure_id, channel, received, result_early, result_on_time, result_late, apologies';
    const rows: RollupSums[] = await this.dataSource.query(
      `SELECT ${g.key} AS key, ${g.label} AS label,
              sum(r.received)::int AS received, sum(r.result_early)::int AS early,
              sum(r.result_on_time)::int AS "onTime", sum(r.result_late)::int AS late,
              sum(r.apologies)::int AS apologies
       FROM ${rollupRowsSql(columns, 2)} r ${g.join}
       WHERE ($1::uuid IS NULL OR r.department_id = $1::uuid)
       GROUP BY 1, 2 ORDER BY 1`,
      [departmentId, ...rollupRangeParams(splitRollupRange(from, to))],
    );
    return rows;
  }

  /**
   * Open applications received before `receivedBefore`, from the covering partial index
   * applications_open_kpi (its predicate is repeated so the planner can use it). K1 lateness of
   * an open one: more than one supplement request; or its K1 end (the one unanswered
   * supplement request, the withdrawal request, else `cutoff`) falls on a local day after the
   * KPI appointment — the original one (an apology does not move it) extended by completed
   * supplement pauses (paused_due_at).
   */
  async openCounts(
    receivedBefore: Date,
    cutoff: Date,
    groupBy: MetricsGroupBy,
    departmentId: string | null,
  ): Promise<OpenCounts[]> {
    const g = OPEN_GROUP[groupBy];
    const kpiDue = 'COALESCE(a.paused_due_at, a.original_due_at, a.due_at)';
    const kpiEnd = `CASE WHEN a.status = 'supplement_requested' AND a.supplement_count = 1 THEN a.supplement_requested_at
                         WHEN a.status = 'withdrawal_requested' THEN a.withdrawal_requested_at
                         ELSE $2::timestamptz END`;
    const rows: OpenCounts[] = await this.dataSource.query(
      `WITH c AS (
         SELECT ${g.key} AS key, count(*)::int AS open,
                count(*) FILTER (WHERE a.supplement_count > 1
                  OR (${kpiDue} IS NOT NULL AND ${LOCAL_DAY(kpiEnd)} > ${LOCAL_DAY(kpiDue)}))::int AS "openOverdue"
         FROM applications a
         WHERE a.status IN ${OPEN_STATUSES_SQL} AND a.received_at < $1
           AND ($3::uuid IS NULL OR a.department_id = $3::uuid)
         GROUP BY 1)
       SELECT c.key, ${g.label} AS label, c.open, c."openOverdue" FROM c ${g.join} ORDER BY 1`,
      [receivedBefore, cutoff, departmentId],
    );
    return rows;
  }

  /** Open applications due before `dueBefore` (overdue ones first), via applications_open_due. */
  async findAtRisk(dueBefore: Date, limit: number, departmentId: string | null) {
    const rows: AtRiskRow[] = await this.dataSource.query(
      `SELECT a.id, a.code, a.procedure_code AS "procedureCode", p.name AS "procedureName",
              a.department_id AS "departmentId", d.name AS "departmentName", a.status, a.due_at AS "dueAt"
       FROM applications a
       JOIN departments d ON d.id = a.department_id
       JOIN procedures p ON p.id = a.procedure_id
       WHERE a.status IN ${OPEN_STATUSES_SQL} AND a.due_at < $1
         AND ($3::uuid IS NULL OR a.department_id = $3::uuid)
       ORDER BY a.due_at, a.id LIMIT $2`,
      [dueBefore, limit, departmentId],
    );
    return rows;
  }

  /** K3 and K5 counts over the current catalog (one row per procedure code). */
  async procedureCoverage(departmentId: string | null): Promise<ProcedureCoverage> {
    const rows: ProcedureCoverage[] = await this.dataSource.query(
      `SELECT count(*)::int AS procedures,
              count(*) FILTER (WHERE eligible_full_online)::int AS "eligibleFullOnline",
              count(*) FILTER (WHERE eligible_full_online AND online_level = 'full' AND on_national_portal)::int
                AS "eligibleFullOnlineOnPortal",
              count(*) FILTER (WHERE online_level = 'full')::int AS "fullOnline",
              count(*) FILTER (WHERE online_level = 'full' AND on_national_portal)::int AS "fullOnlineOnPortal"
       FROM procedures WHERE is_current AND ($1::uuid IS NULL OR department_id = $1::uuid)`,
      [departmentId],
    );
    return rows[0];
  }

  /**
   * K2 and K6 from the roll-ups: the completion counters sit on the row of the day the
   * application was received, so local days from..to select applications received then.
   */
  async completionSums(
    from: string,
    to: string,
    departmentId: string | null,
  ): Promise<CompletionSums> {
    const rows: CompletionSums[] = await this.dataSource.query(
      `SELECT coalesce(sum(completed), 0)::int AS completed,
              coalesce(sum(completed_working_days), 0)::int AS "workingDays",
              coalesce(sum(completed) FILTER (WHERE channel = 'online'), 0)::int AS "onlineCompleted",
              coalesce(sum(completed_signed) FILTER (WHERE channel = 'online'), 0)::int AS "onlineSigned"
       FROM ${rollupRowsSql('department_id, channel, completed, completed_working_days, completed_signed', 2)} r
       WHERE ($1::uuid IS NULL OR department_id = $1::uuid)`,
      [departmentId, ...rollupRangeParams(splitRollupRange(from, to))],
    );
    return rows[0];
  }
}
