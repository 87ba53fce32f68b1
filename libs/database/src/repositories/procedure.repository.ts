import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  DomainError,
  DomainErrorCode,
  searchKey,
  type ReviewStep,
  type TimeLimitUnit,
} from '@app/domain';
import { DataSource, EntityManager } from 'typeorm';
import {
  PG_FOREIGN_KEY_VIOLATION,
  PG_UNIQUE_VIOLATION,
  pgErrorInfo,
  queryRows,
  VersionedUpdate,
} from './postgres';
import { SQL_FOLD_FROM, SQL_FOLD_TO } from './search-folding';

/** How far a procedure is offered online: full = toàn trình, partial = một phần. */
export type OnlineLevel = 'full' | 'partial' | 'none';

/** One published version of a procedure (thủ tục hành chính). */
export interface ProcedureRecord {
  id: string;
  code: string;
  version: number;
  isCurrent: boolean;
  name: string;
  departmentId: string;
  timeLimit: { value: number; unit: TimeLimitUnit };
  onlineLevel: OnlineLevel;
  /** Fee in whole Vietnamese đồng. */
  feeVnd: number;
  eligibleFullOnline: boolean;
  onNationalPortal: boolean;
  /** Accepts dossiers sent by post (bưu chính công ích, Decision 45/2016/QĐ-TTg). */
  postalIntake: boolean;
  /** Sends results by post to applicants who ask for it. */
  postalReturn: boolean;
  source: string | null;
  /** Review and signature before "result ready" (empty: the officer marks it directly). */
  reviewChain: ReviewStep[];
  createdAt: Date;
}

/** What a version says; the code, version number and flags are the repository's business. */
export type ProcedureContent = Pick<
  ProcedureRecord,
  | 'name'
  | 'departmentId'
  | 'timeLimit'
  | 'onlineLevel'
  | 'feeVnd'
  | 'eligibleFullOnline'
  | 'onNationalPortal'
  | 'postalIntake'
  | 'postalReturn'
  | 'source'
> & {
  /** Omitted: a new version keeps the current one's chain; a new procedure has none. */
  reviewChain?: ReviewStep[];
};

export interface ProcedureSearch {
  departmentId?: string;
  onlineLevel?: OnlineLevel;
  /** Matched against code and name, ignoring case and Vietnamese diacritics. */
  q?: string;
  limit: number;
}

interface ProcedureRow extends Omit<ProcedureRecord, 'timeLimit' | 'feeVnd'> {
  timeLimitValue: number;
  timeLimitUnit: TimeLimitUnit;
  feeVnd: string;
}

const PROCEDURE_SELECT = `id, code, version, is_current AS "isCurrent", name,
  department_id AS "departmentId", time_limit_value AS "timeLimitValue",
  time_limit_unit AS "timeLimitUnit", online_level AS "onlineLevel", fee_vnd::text AS "feeVnd",
  eligible_full_online AS "eligibleFullOnline", on_national_portal AS "onNationalPortal",
  postal_intake AS "postalIntake", postal_return AS "postalReturn",
  source, review_chain AS "reviewChain", created_at AS "createdAt"`;

const INSERT_VERSION = `INSERT INTO procedures (code, version, is_current, name, department_id,
    time_limit_value, time_limit_unit, online_level, fee_vnd, eligible_full_online,
    on_national_portal, source, postal_intake, postal_return, review_chain)
  VALUES ($1, $2, true, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14::jsonb) RETURNING ${PROCEDURE_SELECT}`;

function toRecord({
  timeLimitValue,
  timeLimitUnit,
  feeVnd,
  ...rest
}: ProcedureRow): ProcedureRecord {
  return {
    ...rest,
    timeLimit: { value: timeLimitValue, unit: timeLimitUnit },
    feeVnd: Number(feeVnd),
  };
}

function contentParams(code: string, version: number, c: ProcedureContent): unknown[] {
  return [
    code,
    version,
    c.name,
    c.departmentId,
    c.timeLimit.value,
    c.timeLimit.unit,
    c.onlineLevel,
    c.feeVnd,
    c.eligibleFullOnline,
    c.onNationalPortal,
    c.source,
    c.postalIntake,
    c.postalReturn,
    JSON.stringify(c.reviewChain ?? []),
  ];
}

function translateWriteError(error: unknown, code: string): unknown {
  const e = pgErrorInfo(error);
  if (e.code === PG_FOREIGN_KEY_VIOLATION && e.constraint === 'procedures_department_id_fkey') {
    return DomainError.validation('departmentId', 'does not match any department');
  }
  if (e.code === PG_UNIQUE_VIOLATION) {
    return new DomainError(DomainErrorCode.Duplicate, `Mã thủ tục "${code}" đã tồn tại`, [
      { field: 'code', reason: 'is already used by another procedure' },
    ]);
  }
  return error;
}

@Injectable()
export class ProcedureRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Current versions only, by name. */
  async search(filter: ProcedureSearch): Promise<ProcedureRecord[]> {
    const pattern = filter.q ? `%${searchKey(filter.q).replace(/[\\%_]/g, '\\$&')}%` : null;
    const rows = await queryRows<ProcedureRow>(
      this.dataSource,
      `SELECT ${PROCEDURE_SELECT} FROM procedures
       WHERE is_current
         AND ($1::uuid IS NULL OR department_id = $1)
         AND ($2::text IS NULL OR online_level = $2)
         AND ($3::text IS NULL OR lower(translate(code || ' ' || name, $4, $5)) LIKE $3)
       ORDER BY name, code LIMIT $6`,
      [
        filter.departmentId ?? null,
        filter.onlineLevel ?? null,
        pattern,
        SQL_FOLD_FROM,
        SQL_FOLD_TO,
        filter.limit,
      ],
    );
    return rows.map(toRecord);
  }

  async findCurrent(code: string): Promise<ProcedureRecord | null> {
    return this.findOne(`code = $1 AND is_current`, [code]);
  }

  async findVersion(code: string, version: number): Promise<ProcedureRecord | null> {
    return this.findOne(`code = $1 AND version = $2`, [code, version]);
  }

  async findById(id: string): Promise<ProcedureRecord | null> {
    return this.findOne(`id = $1`, [id]);
  }

  /** Every version of a code, oldest first; empty when the code is unknown. */
  async listVersions(code: string): Promise<ProcedureRecord[]> {
    const rows = await queryRows<ProcedureRow>(
      this.dataSource,
      `SELECT ${PROCEDURE_SELECT} FROM procedures WHERE code = $1 ORDER BY version`,
      [code],
    );
    return rows.map(toRecord);
  }

  /** Version 1 of a new code. DUPLICATE when the code exists; VALIDATION for a bad department. */
  async create(code: string, content: ProcedureContent): Promise<ProcedureRecord> {
    try {
      const rows = await queryRows<ProcedureRow>(
        this.dataSource,
        INSERT_VERSION,
        contentParams(code, 1, content),
      );
      return toRecord(rows[0]);
    } catch (error) {
      throw translateWriteError(error, code);
    }
  }

  /**
   * Publishes `content` as the next version of `code` and retires the current one, in one
   * transaction; existing versions are never modified (applications pin them). Writers of one
   * code are serialised by an advisory lock, so each sees the version the previous one made.
   */
  async publishVersion(
    code: string,
    content: ProcedureContent,
    expectedVersion?: number,
  ): Promise<VersionedUpdate<ProcedureRecord>> {
    try {
      return await this.dataSource.transaction(async (manager: EntityManager) => {
        await manager.query(`SELECT pg_advisory_xact_lock(hashtext('procedures'), hashtext($1))`, [
          code,
        ]);
        const [current] = await queryRows<ProcedureRow>(
          manager,
          `SELECT ${PROCEDURE_SELECT} FROM procedures WHERE code = $1 AND is_current FOR UPDATE`,
          [code],
        );
        if (!current) {
          return { status: 'not_found' } as const;
        }
        if (expectedVersion !== undefined && expectedVersion !== current.version) {
          return { status: 'stale', current: toRecord(current) } as const;
        }
        await manager.query(`UPDATE procedures SET is_current = false WHERE id = $1`, [current.id]);
        const [created] = await queryRows<ProcedureRow>(
          manager,
          INSERT_VERSION,
          contentParams(code, current.version + 1, {
            ...content,
            reviewChain: content.reviewChain ?? current.reviewChain,
          }),
        );
        return { status: 'updated', record: toRecord(created) } as const;
      });
    } catch (error) {
      throw translateWriteError(error, code);
    }
  }

  private async findOne(where: string, params: unknown[]): Promise<ProcedureRecord | null> {
    const rows = await queryRows<ProcedureRow>(
      this.dataSource,
      `SELECT ${PROCEDURE_SELECT} FROM procedures WHERE ${where}`,
      params,
    );
    return rows.length > 0 ? toRecord(rows[0]) : null;
  }
}
