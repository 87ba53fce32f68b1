import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DomainError, DomainErrorCode } from '@app/domain';
import { DataSource } from 'typeorm';
import { isUniqueViolation, queryRows, VersionedUpdate } from './postgres';

/** A division of the Department (phòng, ban) that handles procedures. */
export interface DepartmentRecord {
  id: string;
  code: string;
  name: string;
  agencyCode: string;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

export type DepartmentContent = Pick<DepartmentRecord, 'code' | 'name' | 'agencyCode'>;

const DEPARTMENT_SELECT = `id, code, name, agency_code AS "agencyCode", version,
  created_at AS "createdAt", updated_at AS "updatedAt"`;

function duplicateCode(code: string, current: DepartmentRecord | null): DomainError {
  return new DomainError(
    DomainErrorCode.Duplicate,
    `Mã phòng ban "${code}" đã tồn tại`,
    [{ field: 'code', reason: 'is already used by another department' }],
    current ?? undefined,
  );
}

@Injectable()
export class DepartmentRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async list(): Promise<DepartmentRecord[]> {
    return this.dataSource.query(`SELECT ${DEPARTMENT_SELECT} FROM departments ORDER BY code`);
  }

  async findById(id: string): Promise<DepartmentRecord | null> {
    const rows: DepartmentRecord[] = await this.dataSource.query(
      `SELECT ${DEPARTMENT_SELECT} FROM departments WHERE id = $1`,
      [id],
    );
    return rows[0] ?? null;
  }

  async findByCode(code: string): Promise<DepartmentRecord | null> {
    const rows: DepartmentRecord[] = await this.dataSource.query(
      `SELECT ${DEPARTMENT_SELECT} FROM departments WHERE code = $1`,
      [code],
    );
    return rows[0] ?? null;
  }

  async exists(id: string): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(`SELECT 1 FROM departments WHERE id = $1`, [
      id,
    ]);
    return rows.length > 0;
  }

  /** Throws DUPLICATE (with the holder of the code as `current`) when the code is taken. */
  async create(content: DepartmentContent): Promise<DepartmentRecord> {
    try {
      const rows: DepartmentRecord[] = await this.dataSource.query(
        `INSERT INTO departments (code, name, agency_code) VALUES ($1, $2, $3)
         RETURNING ${DEPARTMENT_SELECT}`,
        [content.code, content.name, content.agencyCode],
      );
      return rows[0];
    } catch (error) {
      if (isUniqueViolation(error, 'departments_code_key')) {
        throw duplicateCode(content.code, await this.findByCode(content.code));
      }
      throw error;
    }
  }

  /** Updates only when the row still has `expectedVersion`; the version then goes up by one. */
  async update(
    id: string,
    expectedVersion: number,
    changes: Partial<DepartmentContent>,
  ): Promise<VersionedUpdate<DepartmentRecord>> {
    try {
      const rows = await queryRows<DepartmentRecord>(
        this.dataSource,
        `UPDATE departments SET code = COALESCE($3, code), name = COALESCE($4, name),
           agency_code = COALESCE($5, agency_code), version = version + 1, updated_at = now()
         WHERE id = $1 AND version = $2 RETURNING ${DEPARTMENT_SELECT}`,
        [
          id,
          expectedVersion,
          changes.code ?? null,
          changes.name ?? null,
          changes.agencyCode ?? null,
        ],
      );
      if (rows.length > 0) {
        return { status: 'updated', record: rows[0] };
      }
    } catch (error) {
      if (isUniqueViolation(error, 'departments_code_key') && changes.code) {
        throw duplicateCode(changes.code, await this.findByCode(changes.code));
      }
      throw error;
    }
    const current = await this.findById(id);
    return current ? { status: 'stale', current } : { status: 'not_found' };
  }
}
