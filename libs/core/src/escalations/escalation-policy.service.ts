import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@app/config';
import {
  DepartmentRepository,
  EscalationPolicyRecord,
  EscalationPolicyRepository,
  EscalationPolicyValues,
  ProcedureRecord,
  ProcedureRepository,
} from '@app/database';
import {
  DomainError,
  DomainErrorCode,
  EffectiveEscalationPolicy,
  FieldProblem,
  resolveEscalationPolicy,
} from '@app/domain';

/** The scope of an override as the API names it: a procedure by the id of any of its versions. */
export interface EscalationPolicyTarget {
  departmentId: string | null;
  procedureId: string | null;
}

export interface EffectiveEscalationPolicyView extends EffectiveEscalationPolicy {
  departmentId: string | null;
  departmentName: string | null;
  procedureId: string | null;
  procedureCode: string | null;
  procedureName: string | null;
}

const notFound = (id: string) =>
  new DomainError(DomainErrorCode.NotFound, `Không tìm thấy chính sách chuyển cấp ${id}`);

/**
 * Administration of the escalation policy overrides, and the policy in force for a scope as
 * the worker resolves it (same function, same rows, same defaults).
 */
@Injectable()
export class EscalationPolicyService {
  constructor(
    @Inject(EscalationPolicyRepository) private readonly policies: EscalationPolicyRepository,
    @Inject(DepartmentRepository) private readonly departments: DepartmentRepository,
    @Inject(ProcedureRepository) private readonly procedures: ProcedureRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  list(): Promise<EscalationPolicyRecord[]> {
    return this.policies.list();
  }

  async get(id: string): Promise<EscalationPolicyRecord> {
    const record = await this.policies.findById(id);
    if (!record) {
      throw notFound(id);
    }
    return record;
  }

  /**
   * Creates or replaces the override of a scope: values left out go back to inheriting.
   * `expectedVersion` guards against overwriting someone else's change.
   */
  async replace(
    target: EscalationPolicyTarget,
    values: EscalationPolicyValues,
    expectedVersion: number | undefined,
    actorId: string,
  ): Promise<{ created: boolean; record: EscalationPolicyRecord }> {
    if (Object.values(values).every((v) => v === null)) {
      throw new DomainError(
        DomainErrorCode.Validation,
        'Chính sách phải đặt ít nhất một giá trị; xóa chính sách để quay về mặc định',
        [{ field: 'body', reason: 'must set at least one policy value (DELETE to use defaults)' }],
      );
    }
    const { procedure } = await this.resolveTarget(target);
    const result = await this.policies.replace(
      { departmentId: target.departmentId, procedureCode: procedure?.code ?? null },
      values,
      expectedVersion,
      actorId,
    );
    switch (result.status) {
      case 'created':
      case 'updated':
      case 'unchanged':
        return { created: result.status === 'created', record: result.record };
      case 'stale':
        throw new DomainError(
          DomainErrorCode.StaleVersion,
          'Chính sách chuyển cấp đã được người khác sửa; hãy tải lại và sửa lại',
          [
            {
              field: 'version',
              reason: result.current
                ? `is ${expectedVersion}, the current version is ${result.current.version}`
                : `is ${expectedVersion}, but this scope no longer has an override`,
            },
          ],
          result.current,
        );
    }
  }

  /** Back to the inherited values for that scope. */
  async remove(id: string, expectedVersion: number | undefined): Promise<void> {
    const result = await this.policies.remove(id, expectedVersion);
    switch (result.status) {
      case 'deleted':
        return;
      case 'not_found':
        throw notFound(id);
      case 'stale':
        throw new DomainError(
          DomainErrorCode.StaleVersion,
          'Chính sách chuyển cấp đã được người khác sửa; hãy tải lại trước khi xóa',
          [
            {
              field: 'version',
              reason: `is ${expectedVersion}, the current version is ${result.current.version}`,
            },
          ],
          result.current,
        );
    }
  }

  /**
   * What the worker applies to an application of this department and procedure version.
   * Without a department, the procedure's own department is assumed (where it is received).
   */
  async effective(target: EscalationPolicyTarget): Promise<EffectiveEscalationPolicyView> {
    const { department, procedure } = await this.resolveTarget(target);
    const departmentId = target.departmentId ?? procedure?.departmentId ?? null;
    const departmentName =
      department?.name ??
      (departmentId ? ((await this.departments.findById(departmentId))?.name ?? null) : null);
    const procedureCode = procedure?.code ?? null;
    const policy = resolveEscalationPolicy({
      departmentId,
      procedureCode,
      procedureTimeLimit: procedure?.timeLimit ?? null,
      overrides: await this.policies.applicableTo(departmentId, procedureCode),
      defaults: this.config.escalations,
    });
    return {
      departmentId,
      departmentName,
      procedureId: procedure?.id ?? null,
      procedureCode,
      procedureName: procedure?.name ?? null,
      ...policy,
    };
  }

  /** Both ids must exist; every unknown one is named. */
  private async resolveTarget(target: EscalationPolicyTarget) {
    const problems: FieldProblem[] = [];
    const department = target.departmentId
      ? await this.departments.findById(target.departmentId)
      : null;
    if (target.departmentId && !department) {
      problems.push({ field: 'departmentId', reason: 'does not match any department' });
    }
    const procedure: ProcedureRecord | null = target.procedureId
      ? await this.procedures.findById(target.procedureId)
      : null;
    if (target.procedureId && !procedure) {
      problems.push({ field: 'procedureId', reason: 'does not match any procedure version' });
    }
    if (problems.length > 0) {
      throw new DomainError(
        DomainErrorCode.Validation,
        'Phòng ban hoặc thủ tục không tồn tại',
        problems,
      );
    }
    return { department, procedure };
  }
}
