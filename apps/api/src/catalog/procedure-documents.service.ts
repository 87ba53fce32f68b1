import { Inject, Injectable } from '@nestjs/common';
import { SecurityAuditService, SecurityEvent, type SecurityActor } from '@app/core';
import {
  ProcedureDocumentInput,
  ProcedureDocumentRecord,
  ProcedureDocumentRepository,
  ProcedureRepository,
  TransactionRunner,
} from '@app/database';
import { DomainError, DomainErrorCode, type FieldProblem } from '@app/domain';

const notFound = (code: string) =>
  new DomainError(DomainErrorCode.NotFound, `Không tìm thấy thủ tục ${code}`);

/** Lines naming the same document twice (same name, case and spacing aside). */
function repeatedNames(lines: ProcedureDocumentInput[]): FieldProblem[] {
  const seen = new Set<string>();
  const problems: FieldProblem[] = [];
  lines.forEach((line, i) => {
    const key = line.name.trim().replace(/\s+/g, ' ').toLocaleLowerCase('vi');
    if (seen.has(key)) {
      problems.push({ field: `documents[${i}].name`, reason: 'repeats another document' });
    }
    seen.add(key);
  });
  return problems;
}

/**
 * The required documents of a procedure (thành phần hồ sơ): read by the desk's checklist,
 * edited by an administrator. Each edit is recorded in the security audit log in the same
 * transaction, with the list before and after.
 */
@Injectable()
export class ProcedureDocumentsService {
  constructor(
    @Inject(ProcedureRepository) private readonly procedures: ProcedureRepository,
    @Inject(ProcedureDocumentRepository) private readonly documents: ProcedureDocumentRepository,
    @Inject(TransactionRunner) private readonly transactions: TransactionRunner,
    @Inject(SecurityAuditService) private readonly audit: SecurityAuditService,
  ) {}

  async list(code: string): Promise<ProcedureDocumentRecord[]> {
    if (!(await this.procedures.findCurrent(code))) {
      throw notFound(code);
    }
    return this.documents.list(code);
  }

  async replace(
    code: string,
    input: ProcedureDocumentInput[],
    actor: SecurityActor,
    address: string | null,
  ): Promise<ProcedureDocumentRecord[]> {
    if (!(await this.procedures.findCurrent(code))) {
      throw notFound(code);
    }
    const lines = input.map((l) => ({ ...l, name: l.name.trim().replace(/\s+/g, ' ') }));
    const repeated = repeatedNames(lines);
    if (repeated.length > 0) {
      throw new DomainError(
        DomainErrorCode.Validation,
        repeated.map((p) => `${p.field}: ${p.reason}`).join('; '),
        repeated,
      );
    }
    return this.transactions.run(async (tx) => {
      const { before, after } = await this.documents.replace(code, lines, tx);
      const brief = (list: ProcedureDocumentRecord[]) =>
        list.map(({ id, name, form, copies, active }) => ({ id, name, form, copies, active }));
      await this.audit.record(
        {
          event: SecurityEvent.ProcedureDocumentsChanged,
          actor,
          subject: `procedure:${code}`,
          address,
          details: { before: brief(before), after: brief(after) },
        },
        tx,
      );
      return after;
    });
  }
}
