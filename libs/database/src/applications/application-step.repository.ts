import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { StepBudgetRule, StepBudgetSource, StepEnding, StepOutcome } from '@app/domain';
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
  /** The first due date; dueAt is the one in force after the applicant's waits during it. */
  baseDueAt: Date;
  budgetSource: StepBudgetSource;
  ending: StepEnding | null;
  closedBy: string | null;
  /** The receiving department's officer or head who took the dossier, and when. */
  acknowledgedAt: Date | null;
  acknowledgedBy: string | null;
}

export interface NewApplicationStep {
  seq: number;
  fromDepartmentId: string | null;
  toDepartmentId: string;
  handedOverAt: Date;
  handedOverBy: string;
  budgetWorkingDays: number;
  budgetSource: StepBudgetSource;
  dueAt: Date;
  note: string | null;
}

/** A step recorded after the fact, already closed (the lead department's step 0). */
export interface ClosedApplicationStep extends NewApplicationStep {
  completedAt: Date;
  outcome: StepOutcome;
  ending: StepEnding;
  closedBy: string;
}

/**
 * A step's due date in force: the last extension recorded for an applicant's wait during it,
 * else its first due date (s: application_steps). Also read by the step-alert sweep.
 */
export const STEP_DUE_IN_FORCE = `coalesce((SELECT x.due_at FROM application_step_extensions x
  WHERE x.application_id = s.application_id AND x.seq = s.seq ORDER BY x.id DESC LIMIT 1), s.due_at)`;

const STEP_SELECT = `s.id::int AS id, s.seq, s.from_department_id AS "fromDepartmentId", s.to_department_id AS "toDepartmentId",
  s.handed_over_at AS "handedOverAt", s.handed_over_by AS "handedOverBy", s.budget_working_days AS "budgetWorkingDays",
  ${STEP_DUE_IN_FORCE} AS "dueAt", s.due_at AS "baseDueAt", s.completed_at AS "completedAt", s.outcome, s.note,
  s.budget_source AS "budgetSource", s.ending, s.closed_by AS "closedBy",
  s.acknowledged_at AS "acknowledgedAt", s.acknowledged_by AS "acknowledgedBy"`;

function stepsOf(db: DataSource | EntityManager, applicationId: string) {
  return db.query<ApplicationStepRecord[]>(
    `SELECT ${STEP_SELECT} FROM application_steps s WHERE s.application_id = $1 ORDER BY s.seq`,
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

  /**
   * Records the receiver's acknowledgement of a step, once, after `check` accepted the step
   * as read under its row lock; null when the application has no such step.
   */
  async acknowledge(
    applicationId: string,
    seq: number,
    by: string,
    at: Date,
    check: (step: ApplicationStepRecord) => void,
  ): Promise<ApplicationStepRecord | null> {
    return this.dataSource.transaction(async (manager) => {
      const locked: Array<{ id: number }> = await manager.query(
        `SELECT id FROM application_steps WHERE application_id = $1 AND seq = $2 FOR UPDATE`,
        [applicationId, seq],
      );
      if (locked.length === 0) {
        return null;
      }
      const step = (await stepsOf(manager, applicationId)).find((x) => x.seq === seq)!;
      check(step);
      await manager.query(
        `UPDATE application_steps SET acknowledged_at = $3, acknowledged_by = $4
         WHERE application_id = $1 AND seq = $2 AND acknowledged_at IS NULL`,
        [applicationId, seq, at, by],
      );
      return { ...step, acknowledgedAt: at, acknowledgedBy: by };
    });
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

  /**
   * Records the step's end once: completion time, outcome, why and by whom. The row is
   * otherwise never changed (a trigger refuses any other update).
   */
  async close(
    applicationId: string,
    seq: number,
    c: { at: Date; outcome: StepOutcome; ending: StepEnding; by: string },
  ): Promise<void> {
    await this.manager.query(
      `UPDATE application_steps SET completed_at = $3, outcome = $4, ending = $5, closed_by = $6
       WHERE application_id = $1 AND seq = $2 AND completed_at IS NULL`,
      [applicationId, seq, c.at, c.outcome, c.ending, c.by],
    );
  }

  /** The due date in force after an applicant's wait during the step (appended). */
  async extend(
    applicationId: string,
    seq: number,
    e: { pausedFrom: Date; pausedTo: Date; dueAt: Date },
  ): Promise<void> {
    await this.manager.query(
      `INSERT INTO application_step_extensions (application_id, seq, paused_from, paused_to, due_at, recorded_at)
       VALUES ($1, $2, $3, $4, $5, $4)`,
      [applicationId, seq, e.pausedFrom, e.pausedTo, e.dueAt],
    );
  }

  /** The procedure's internal process: each department's budget for its step. */
  async budgetsOf(procedureId: string): Promise<StepBudgetRule[]> {
    return this.manager.query(
      `SELECT department_id AS "departmentId", working_days AS "workingDays"
       FROM procedure_step_budgets WHERE procedure_id = $1`,
      [procedureId],
    );
  }

  /** The application's history as the step clocks read it (waits on the applicant). */
  async historyActions(applicationId: string): Promise<Array<{ at: Date; action: string }>> {
    return this.manager.query(
      `SELECT at, action FROM application_history WHERE application_id = $1 ORDER BY id`,
      [applicationId],
    );
  }

  /** Inserts a step that is already over (the lead department's own step 0). */
  async insertClosed(applicationId: string, s: ClosedApplicationStep): Promise<void> {
    await this.manager.query(
      `INSERT INTO application_steps (application_id, seq, from_department_id, to_department_id, handed_over_at,
         handed_over_by, budget_working_days, budget_source, due_at, note, completed_at, outcome, ending, closed_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)`,
      [
        applicationId,
        s.seq,
        s.fromDepartmentId,
        s.toDepartmentId,
        s.handedOverAt,
        s.handedOverBy,
        s.budgetWorkingDays,
        s.budgetSource,
        s.dueAt,
        s.note,
        s.completedAt,
        s.outcome,
        s.ending,
        s.closedBy,
      ],
    );
  }

  async open(applicationId: string, s: NewApplicationStep): Promise<void> {
    await this.manager.query(
      `INSERT INTO application_steps (application_id, seq, from_department_id, to_department_id, handed_over_at,
         handed_over_by, budget_working_days, budget_source, due_at, note)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [
        applicationId,
        s.seq,
        s.fromDepartmentId,
        s.toDepartmentId,
        s.handedOverAt,
        s.handedOverBy,
        s.budgetWorkingDays,
        s.budgetSource,
        s.dueAt,
        s.note,
      ],
    );
  }
}
