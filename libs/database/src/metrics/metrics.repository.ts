import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ReadReplica } from '../replica/read-replica';
import { ApplicationStatus, OPEN_STATUSES } from '@app/domain';
import { sqlStatusList } from '../repositories/postgres';

export type MetricsGroupBy = 'department' | 'procedure' | 'channel' | 'month' | 'quarter';

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

export const OPEN_STATUSES_SQL = sqlStatusList(OPEN_STATUSES);
/** Read-only queries of the managers' metrics: roll-ups, the open partial index, the catalog. */
@Injectable()
export class MetricsRepository {
  constructor(@Inject(ReadReplica) private readonly reads: ReadReplica) {}

  /** Read-only: the replica inside a request allowed to read it, the primary otherwise. */
  private get dataSource(): DataSource {
    return this.reads.source();
  }

  /**
   * Applications in one of `statuses` (open, clock running) due before `dueBefore`, overdue ones
   * first, via applications_open_due (a subset of its predicate's statuses still uses it).
   */
  async findAtRisk(
    dueBefore: Date,
    limit: number,
    departmentId: string | null,
    statuses: readonly ApplicationStatus[],
  ) {
    const rows: AtRiskRow[] = await this.dataSource.query(
      `SELECT a.id, a.code, a.procedure_code AS "procedureCode", p.name AS "procedureName",
              a.department_id AS "departmentId", d.name AS "departmentName", a.status, a.due_at AS "dueAt"
       FROM applications a
       JOIN departments d ON d.id = a.department_id
       JOIN procedures p ON p.id = a.procedure_id
       WHERE a.status IN ${sqlStatusList(statuses)} AND a.due_at < $1
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
}
