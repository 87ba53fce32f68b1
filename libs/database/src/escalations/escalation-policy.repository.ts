import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { EscalationOverride } from '@app/domain';
import { DataSource, EntityManager } from 'typeorm';
import { queryRows } from '../repositories/postgres';

/** An override row as the administrator sees it, with the names of its scope. */
export interface EscalationPolicyRecord extends EscalationOverride {
  departmentName: string | null;
  /** The current version of the procedure: the row keys on the code, so it covers every version. */
  procedureId: string | null;
  procedureName: string | null;
  version: number;
  updatedAt: Date;
  updatedBy: string | null;
}

export interface EscalationPolicyScope {
  departmentId: string | null;
  procedureCode: string | null;
}

export type EscalationPolicyValues = Pick<
  EscalationOverride,
  'overdueWorkingDays' | 'supervisingOfficeEmail' | 'apologyWorkingDays'
>;

/** The outcome of replacing the override of a scope; `stale.current` is null when it is gone. */
export type EscalationPolicyWrite =
  | { status: 'created' | 'updated' | 'unchanged'; record: EscalationPolicyRecord }
  | { status: 'stale'; current: EscalationPolicyRecord | null };

export type EscalationPolicyRemoval =
  | { status: 'deleted' }
  | { status: 'stale'; current: EscalationPolicyRecord }
  | { status: 'not_found' };

const OVERRIDE_COLUMNS = `ep.id::text, ep.department_id AS "departmentId",
  ep.procedure_code AS "procedureCode", ep.overdue_working_days AS "overdueWorkingDays",
  ep.supervising_office_email AS "supervisingOfficeEmail",
  ep.apology_working_days AS "apologyWorkingDays"`;

const SELECT_RECORD = `
  SELECT ${OVERRIDE_COLUMNS}, d.name AS "departmentName", p.id AS "procedureId",
         p.name AS "procedureName", ep.version, ep.updated_at AS "updatedAt",
         ep.updated_by AS "updatedBy"
  FROM escalation_policies ep
  LEFT JOIN departments d ON d.id = ep.department_id
  LEFT JOIN procedures p ON p.code = ep.procedure_code AND p.is_current`;

// Must name the expressions of the unique index escalation_policies_scope exactly.
const SCOPE_CONFLICT = `((coalesce(department_id, '00000000-0000-0000-0000-000000000000'::uuid)),
  (coalesce(procedure_code, '')))`;

/**
 * Every override that may apply to (department, procedure); a null argument matches only rows
 * that leave that scope open. Precedence is decided by `resolveEscalationPolicy`, not here.
 * Shared by the worker (inside its transaction) and the admin API.
 */
export function applicableEscalationOverrides(
  db: DataSource | EntityManager,
  departmentId: string | null,
  procedureCode: string | null,
): Promise<EscalationOverride[]> {
  return queryRows<EscalationOverride>(
    db,
    `SELECT ${OVERRIDE_COLUMNS} FROM escalation_policies ep
     WHERE (ep.department_id IS NULL OR ep.department_id = $1::uuid)
       AND (ep.procedure_code IS NULL OR ep.procedure_code = $2::text)`,
    [departmentId, procedureCode],
  );
}

/** Every override row; `resolveEscalationPolicy` ignores those outside a scope. */
export function allEscalationOverrides(
  db: DataSource | EntityManager,
): Promise<EscalationOverride[]> {
  return queryRows<EscalationOverride>(
    db,
    `SELECT ${OVERRIDE_COLUMNS} FROM escalation_policies ep`,
  );
}

const sameValues = (a: EscalationPolicyValues, b: EscalationPolicyValues) =>
  a.overdueWorkingDays === b.overdueWorkingDays &&
  a.supervisingOfficeEmail === b.supervisingOfficeEmail &&
  a.apologyWorkingDays === b.apologyWorkingDays;

/** Rows of escalation_policies: overrides of the escalation defaults per scope. */
@Injectable()
export class EscalationPolicyRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  list(): Promise<EscalationPolicyRecord[]> {
    return queryRows(
      this.dataSource,
      `${SELECT_RECORD}
       ORDER BY ep.department_id IS NOT NULL, d.name, ep.procedure_code IS NOT NULL,
                ep.procedure_code, ep.id`,
    );
  }

  findById(id: string): Promise<EscalationPolicyRecord | null> {
    return this.findOne(this.dataSource, id);
  }

  applicableTo(departmentId: string | null, procedureCode: string | null) {
    return applicableEscalationOverrides(this.dataSource, departmentId, procedureCode);
  }

  /**
   * Creates or replaces the override of `scope`. With `expectedVersion`, only that version is
   * replaced; without, the last write wins. Writing the values it already holds changes
   * nothing (not even the version), so retries are harmless.
   */
  replace(
    scope: EscalationPolicyScope,
    values: EscalationPolicyValues,
    expectedVersion: number | undefined,
    updatedBy: string,
  ): Promise<EscalationPolicyWrite> {
    return this.dataSource.transaction(async (manager) => {
      // Twice at most: a concurrent create of the same scope makes the insert a no-op, and
      // the second pass then replaces that row like any other.
      for (let pass = 0; pass < 2; pass++) {
        const current = await this.lockScope(manager, scope);
        if (!current) {
          if (expectedVersion !== undefined) {
            return { status: 'stale', current: null };
          }
          const inserted = await queryRows<{ id: string }>(
            manager,
            `INSERT INTO escalation_policies (department_id, procedure_code, overdue_working_days,
               supervising_office_email, apology_working_days, updated_by)
             VALUES ($1, $2, $3, $4, $5, $6)
             ON CONFLICT ${SCOPE_CONFLICT} DO NOTHING RETURNING id::text`,
            [
              scope.departmentId,
              scope.procedureCode,
              values.overdueWorkingDays,
              values.supervisingOfficeEmail,
              values.apologyWorkingDays,
              updatedBy,
            ],
          );
          if (inserted[0]) {
            return { status: 'created', record: await this.mustFind(manager, inserted[0].id) };
          }
          continue;
        }
        if (expectedVersion !== undefined && current.version !== expectedVersion) {
          return { status: 'stale', current };
        }
        if (sameValues(current, values)) {
          return { status: 'unchanged', record: current };
        }
        await queryRows(
          manager,
          `UPDATE escalation_policies SET overdue_working_days = $2,
             supervising_office_email = $3, apology_working_days = $4, updated_by = $5,
             version = version + 1, updated_at = now()
           WHERE id = $1`,
          [
            current.id,
            values.overdueWorkingDays,
            values.supervisingOfficeEmail,
            values.apologyWorkingDays,
            updatedBy,
          ],
        );
        return { status: 'updated', record: await this.mustFind(manager, current.id) };
      }
      throw new Error('The escalation policy scope was created and removed during one write');
    });
  }

  /** Deletes the row (back to the defaults); with `expectedVersion`, only that version. */
  async remove(id: string, expectedVersion: number | undefined): Promise<EscalationPolicyRemoval> {
    const rows = await queryRows(
      this.dataSource,
      `DELETE FROM escalation_policies WHERE id = $1 AND ($2::int IS NULL OR version = $2)
       RETURNING id`,
      [id, expectedVersion ?? null],
    );
    if (rows.length > 0) {
      return { status: 'deleted' };
    }
    const current = await this.findById(id);
    return current ? { status: 'stale', current } : { status: 'not_found' };
  }

  private async lockScope(
    manager: EntityManager,
    scope: EscalationPolicyScope,
  ): Promise<EscalationPolicyRecord | null> {
    const rows = await queryRows<EscalationPolicyRecord>(
      manager,
      `${SELECT_RECORD}
       WHERE ep.department_id IS NOT DISTINCT FROM $1::uuid
         AND ep.procedure_code IS NOT DISTINCT FROM $2::text
       FOR UPDATE OF ep`,
      [scope.departmentId, scope.procedureCode],
    );
    return rows[0] ?? null;
  }

  private async findOne(
    db: DataSource | EntityManager,
    id: string,
  ): Promise<EscalationPolicyRecord | null> {
    const rows = await queryRows<EscalationPolicyRecord>(db, `${SELECT_RECORD} WHERE ep.id = $1`, [
      id,
    ]);
    return rows[0] ?? null;
  }

  private async mustFind(manager: EntityManager, id: string): Promise<EscalationPolicyRecord> {
    const record = await this.findOne(manager, id);
    if (!record) {
      throw new Error(`Escalation policy ${id} vanished inside its own transaction`);
    }
    return record;
  }
}
