import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { sqlStatusList } from '@app/database';
import { OPEN_STATUSES, Role } from '@app/domain';
import { DataSource } from 'typeorm';

export interface DemoStaff {
  id: string;
  username: string;
  role: Role;
  departmentId: string | null;
  departmentCode: string | null;
}

export interface DemoHistorySummary {
  applications: number;
  byStatus: Record<string, number>;
  byChannel: Record<string, number>;
  early: number;
  onTime: number;
  late: number;
  supplemented: number;
  apologized: number;
  openOverdue: number;
}

/** What the demo-history generator reads; its writes all go through the real use cases. */
@Injectable()
export class DemoHistoryRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Applications carrying the demo note: the marker that history was already generated. */
  async countMarked(note: string): Promise<number> {
    const rows: Array<{ n: number }> = await this.dataSource.query(
      `SELECT count(*)::int AS n FROM applications WHERE note = $1`,
      [note],
    );
    return rows[0].n;
  }

  /** Active staff who can play the demo's parts, in a stable order (by username). */
  async staff(): Promise<DemoStaff[]> {
    return this.dataSource.query(
      `SELECT u.id, u.username, u.role, u.department_id AS "departmentId", d.code AS "departmentCode"
       FROM users u LEFT JOIN departments d ON d.id = u.department_id
       WHERE u.active AND u.role IN ('reception', 'officer', 'head', 'admin')
       ORDER BY u.username`,
    );
  }

  async currentProcedures(): Promise<Array<{ code: string; departmentCode: string }>> {
    return this.dataSource.query(
      `SELECT p.code, d.code AS "departmentCode" FROM procedures p
       JOIN departments d ON d.id = p.department_id WHERE p.is_current ORDER BY p.code`,
    );
  }

  async summary(note: string): Promise<DemoHistorySummary> {
    const [totals]: Array<Omit<DemoHistorySummary, 'byStatus' | 'byChannel'>> =
      await this.dataSource.query(
        `SELECT count(*)::int AS applications,
           count(*) FILTER (WHERE o.verdict = 'early')::int AS early,
           count(*) FILTER (WHERE o.verdict = 'on_day')::int AS "onTime",
           count(*) FILTER (WHERE o.verdict = 'late')::int AS late,
           count(*) FILTER (WHERE a.supplement_count > 0)::int AS supplemented,
           count(*) FILTER (WHERE a.apology_count > 0)::int AS apologized,
           count(*) FILTER (WHERE a.status IN ${sqlStatusList(OPEN_STATUSES)} AND a.due_at < now())::int AS "openOverdue"
         FROM applications a LEFT JOIN kpi_k1_segments o
           ON o.application_id = a.id AND o.valid_to IS NULL AND o.category = 'resolved'
         WHERE a.note = $1`,
        [note],
      );
    const countBy = async (column: 'status' | 'channel') => {
      const rows: Array<{ key: string; n: number }> = await this.dataSource.query(
        `SELECT ${column} AS key, count(*)::int AS n FROM applications WHERE note = $1 GROUP BY 1`,
        [note],
      );
      return Object.fromEntries(rows.map((r) => [r.key, r.n]));
    };
    return { ...totals, byStatus: await countBy('status'), byChannel: await countBy('channel') };
  }
}
