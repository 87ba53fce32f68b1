import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { TransactionScope } from '../consumers/consumed-event.repository';

/** One inter-agency step (liên thông), a row of the Mẫu 05 control sheet. */
export interface ApplicationStepRecord {
  id: number;
  seq: number;
  fromDepartmentId: string | null;
  toDepartmentId: string;
  handedOverAt: Date;
  handedOverBy: string | null;
  budgetWorkingDays: number;
  dueAt: Date;
  completedAt: Date | null;
  outcome: 'early' | 'on_time' | 'late' | null;
  note: string | null;
}

export interface NewApplicationStep {
  seq: number;
  fromDepartmentId: string | null;
  toDepartmentId: string;
  handedOverAt: Date;
  handedOverBy: string;
  budgetWorkingDays: number;
  dueAt: Date;
  note: string | null;
}

const STEP_SELECT = `id::int AS id, seq, from_department_id AS "fromDepartmentId", to_department_id AS "toDepartmentId",
  handed_over_at AS "handedOverAt", handed_over_by AS "handedOverBy", budget_working_days AS "budgetWorkingDays",
  due_at AS "dueAt", completed_at AS "completedAt", outcome, note`;

function stepsOf(db: DataSource | EntityManager, applicationId: string) {
  return db.query<ApplicationStepRecord[]>(
    `SELECT ${STEP_SELECT} FROM application_steps WHERE application_id = $1 ORDER BY seq`,
    [applicationId],
  );
}

/** Reads of the steps outside a transition (control sheet, responsibility for a delay). */
@Injectable()
export class ApplicationStepRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async forApplication(applicationId: string): Promise<ApplicationStepRecord[]> {
    return stepsOf(this.dataSource, applicationId);
  }

  /** The steps as a worker transaction sees them (escalations, step alerts). */
  async forApplicationIn(
    scope: TransactionScope,
    applicationId: string,
  ): Promise<ApplicationStepRecord[]> {
    return stepsOf(scope.manager, applicationId);
  }

  /** The lead department of an application (applications.department_id), or null if none. */
  async leadDepartment(applicationId: string): Promise<string | null> {
    const rows: Array<{ departmentId: string }> = await this.dataSource.query(
      `SELECT department_id AS "departmentId" FROM applications WHERE id = $1`,
      [applicationId],
    );
    return rows[0]?.departmentId ?? null;
  }
}

/** Step writes inside a transition's transaction (the application's row is locked). */
export class ApplicationStepTransaction {
  constructor(private readonly manager: EntityManager) {}

  async forApplication(applicationId: string): Promise<ApplicationStepRecord[]> {
    return stepsOf(this.manager, applicationId);
  }

  async close(
    applicationId: string,
    seq: number,
    at: Date,
    outcome: 'early' | 'on_time' | 'late',
  ): Promise<void> {
    await this.manager.query(
      `UPDATE application_steps SET completed_at = $3, outcome = $4
       WHERE application_id = $1 AND seq = $2 AND completed_at IS NULL`,
      [applicationId, seq, at, outcome],
    );
  }

  async open(applicationId: string, s: NewApplicationStep): Promise<void> {
    await this.manager.query(
      `INSERT INTO application_steps (application_id, seq, from_department_id, to_department_id, handed_over_at,
         handed_over_by, budget_working_days, due_at, note)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [
        applicationId,
        s.seq,
        s.fromDepartmentId,
        s.toDepartmentId,
        s.handedOverAt,
        s.handedOverBy,
        s.budgetWorkingDays,
        s.dueAt,
        s.note,
      ],
    );
  }
}
