import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DomainError } from '@app/domain';
import type { DbTransaction } from '../security/db-transaction';
import { PG_FOREIGN_KEY_VIOLATION, pgErrorInfo, queryRows } from './postgres';

/** One step of a procedure version's internal process: a department and its working days. */
export interface ProcedureStepBudgetRecord {
  departmentId: string;
  departmentName: string;
  workingDays: number;
}

const LIST_SQL = `SELECT b.department_id AS "departmentId", d.name AS "departmentName",
    b.working_days AS "workingDays"
  FROM procedure_step_budgets b JOIN departments d ON d.id = b.department_id
  WHERE b.procedure_id = $1 ORDER BY d.name, d.id`;

/**
 * procedure_step_budgets: the working days each department has for its liên thông step of a
 * procedure version (read by the hand-over, see resolveStepBudget).
 */
@Injectable()
export class ProcedureStepBudgetRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  list(procedureId: string): Promise<ProcedureStepBudgetRecord[]> {
    return queryRows<ProcedureStepBudgetRecord>(this.dataSource, LIST_SQL, [procedureId]);
  }

  /**
   * Replaces the version's budgets in `tx` (the caller's transaction, with its audit row);
   * the version's row is locked so two editors apply one after the other.
   */
  async replace(
    procedureId: string,
    budgets: Array<{ departmentId: string; workingDays: number }>,
    tx: DbTransaction,
  ): Promise<{ before: ProcedureStepBudgetRecord[]; after: ProcedureStepBudgetRecord[] }> {
    await tx.query(`SELECT 1 FROM procedures WHERE id = $1 FOR UPDATE`, [procedureId]);
    const before = await queryRows<ProcedureStepBudgetRecord>(tx, LIST_SQL, [procedureId]);
    await tx.query(`DELETE FROM procedure_step_budgets WHERE procedure_id = $1`, [procedureId]);
    try {
      await tx.query(
        `INSERT INTO procedure_step_budgets (procedure_id, department_id, working_days)
         SELECT $1, b."departmentId", b."workingDays"
         FROM jsonb_to_recordset($2::jsonb) AS b("departmentId" uuid, "workingDays" integer)`,
        [procedureId, JSON.stringify(budgets)],
      );
    } catch (error) {
      const e = pgErrorInfo(error);
      if (e.code === PG_FOREIGN_KEY_VIOLATION) {
        throw DomainError.validation('budgets', 'a departmentId does not match any department');
      }
      throw error;
    }
    const after = await queryRows<ProcedureStepBudgetRecord>(tx, LIST_SQL, [procedureId]);
    return { before, after };
  }
}
