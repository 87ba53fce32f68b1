import { Inject, Injectable } from '@nestjs/common';
import { SecurityAuditService, SecurityEvent, type SecurityActor } from '@app/core';
import {
  DepartmentRepository,
  ProcedureRepository,
  ProcedureStepBudgetRecord,
  ProcedureStepBudgetRepository,
  TransactionRunner,
} from '@app/database';
import {
  DomainError,
  DomainErrorCode,
  MAX_STEP_BUDGET_WORKING_DAYS,
  type FieldProblem,
} from '@app/domain';

const notFound = (code: string) =>
  new DomainError(DomainErrorCode.NotFound, `Không tìm thấy thủ tục ${code}`);

export interface StepBudgetInput {
  departmentId: string;
  workingDays: number;
}

/**
 * A procedure's internal process as step budgets (issue 15 point 4): the working days each
 * department has for its liên thông step of the current version. An administrator edits them;
 * each edit is recorded in the security audit log in the same transaction, before and after.
 */
@Injectable()
export class ProcedureStepBudgetsService {
  constructor(
    @Inject(ProcedureRepository) private readonly procedures: ProcedureRepository,
    @Inject(DepartmentRepository) private readonly departments: DepartmentRepository,
    @Inject(ProcedureStepBudgetRepository) private readonly budgets: ProcedureStepBudgetRepository,
    @Inject(TransactionRunner) private readonly transactions: TransactionRunner,
    @Inject(SecurityAuditService) private readonly audit: SecurityAuditService,
  ) {}

  async list(code: string): Promise<ProcedureStepBudgetRecord[]> {
    const procedure = await this.procedures.findCurrent(code);
    if (!procedure) {
      throw notFound(code);
    }
    return this.budgets.list(procedure.id);
  }

  async replace(
    code: string,
    input: StepBudgetInput[],
    actor: SecurityActor,
    address: string | null,
  ): Promise<ProcedureStepBudgetRecord[]> {
    const procedure = await this.procedures.findCurrent(code);
    if (!procedure) {
      throw notFound(code);
    }
    // A step has at most the procedure's whole limit (in working days), and never more than the
    // bound every step has; the time left on an application cuts it further at the hand-over.
    const max =
      procedure.timeLimit.unit === 'working_days'
        ? Math.min(procedure.timeLimit.value, MAX_STEP_BUDGET_WORKING_DAYS)
        : MAX_STEP_BUDGET_WORKING_DAYS;
    const problems: FieldProblem[] = [];
    const seen = new Set<string>();
    for (const [i, b] of input.entries()) {
      if (seen.has(b.departmentId)) {
        problems.push({ field: `budgets[${i}].departmentId`, reason: 'repeats another step' });
      }
      seen.add(b.departmentId);
      if (!(await this.departments.findById(b.departmentId))) {
        problems.push({
          field: `budgets[${i}].departmentId`,
          reason: 'does not match any department',
        });
      }
      if (b.workingDays > max) {
        problems.push({
          field: `budgets[${i}].workingDays`,
          reason: `is more than the ${max} working day(s) the procedure allows in all`,
        });
      }
    }
    if (problems.length > 0) {
      throw new DomainError(
        DomainErrorCode.Validation,
        problems.map((p) => `${p.field}: ${p.reason}`).join('; '),
        problems,
      );
    }
    return this.transactions.run(async (tx) => {
      const { before, after } = await this.budgets.replace(procedure.id, input, tx);
      const brief = (list: ProcedureStepBudgetRecord[]) =>
        list.map(({ departmentId, workingDays }) => ({ departmentId, workingDays }));
      await this.audit.record(
        {
          event: SecurityEvent.ProcedureStepBudgetsChanged,
          actor,
          subject: `procedure:${code}@${procedure.version}`,
          address,
          details: { before: brief(before), after: brief(after) },
        },
        tx,
      );
      return after;
    });
  }
}
