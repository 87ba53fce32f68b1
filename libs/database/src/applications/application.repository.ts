import { Inject, Injectable, Optional } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@app/config';
import { OutboxSignal } from '../outbox/outbox-signal';
import { InjectDataSource } from '@nestjs/typeorm';
import type { QueryResultRow } from 'pg';
import { DataSource, EntityManager } from 'typeorm';
import {
  DomainError,
  DomainErrorCode,
  type ReceivedDocument,
  type RequiredDocument,
} from '@app/domain';
import { LRUCache } from 'lru-cache';
import { ListFilter, listQuery } from './application-list.query';
import { ReadReplica } from '../replica/read-replica';
import {
  PG_FOREIGN_KEY_VIOLATION,
  pgErrorInfo,
  pgStatement,
  queryRows,
} from '../repositories/postgres';
import { ApplicationTransaction, NewHistory, NewOutboxEvent } from './application-transaction';
import { GroupCommit } from '../group-commit';
import { INTAKE_SQL, isPerIntakeError, IntakeRow, intakeRow, IntakeWritten } from './intake.sql';
import {
  APPLICATION_FROM,
  APPLICATION_SELECT,
  ApplicationRecord,
  HistoryRecord,
} from './application.record';

export interface IntakeProcedure {
  id: string;
  code: string;
  version: number;
  name: string;
  departmentId: string;
  agencyCode: string;
  timeLimitValue: number;
  timeLimitUnit: string;
  reviewChain: Array<{ stage: string; role: string }>;
}

/**
 * The insert found that the procedure version it was prepared with is no longer current (or
 * its department's agency code changed): nothing was written. The caller prepares again from a
 * fresh read (the cached entry is already gone); escaping that, a 409 asking to send it again.
 */
export class StaleIntakeProcedureError extends DomainError {
  constructor(readonly procedureCode: string) {
    super(
      DomainErrorCode.StaleVersion,
      'Thủ tục vừa được cập nhật phiên bản mới; vui lòng gửi lại hồ sơ',
      [{ field: 'procedureCode', reason: `${procedureCode} was just published in a new version` }],
    );
  }
}

// Procedures change a few times a year; the insert re-checks every cached entry anyway.
const INTAKE_PROCEDURE_CACHE = { max: 2_000, ttl: 60_000 };

export interface NewApplication {
  id: string;
  agencyCode: string;
  /** Local business date of the intake, 'YYYY-MM-DD': the code's date and its counter day. */
  codeDay: string;
  procedure: IntakeProcedure;
  channel: string;
  status: string;
  applicant: {
    fullName: string;
    /** 'person' or 'organization': how the letters address the applicant. */
    kind: string;
    idNumber: string;
    phone: string;
    email: string | null;
    address: string | null;
  };
  searchText: string;
  documents: Array<{ name: string; copies: number }>;
  /** The desk's checklist: the procedure's documents handed in (application_received_documents). */
  receivedDocuments: ReceivedDocument[];
  note: string | null;
  submittedAt: Date | null;
  receivedAt: Date | null;
  dueAt: Date | null;
  receivedBy: string | null;
  history: NewHistory;
  event: NewOutboxEvent;
}

/**
 * A checked document removed from the procedure's list (by an admin) between the intake's
 * check and its insert: a 400 to check the list again, not a 500.
 */
function translateIntakeError(error: unknown): unknown {
  const e = pgErrorInfo(error);
  return e.code === PG_FOREIGN_KEY_VIOLATION &&
    e.constraint === 'application_received_documents_procedure_document_id_fkey'
    ? DomainError.validation(
        'checklist',
        "names a document just removed from the procedure's list; reload the list",
      )
    : error;
}

@Injectable()
export class ApplicationRepository {
  /** Named (server-side prepared) statements; off behind PgBouncer < 1.21 (docs/scaling.md). */
  private readonly namedStatements: boolean;
  /** Desk intakes written together while a statement is in flight; null: one statement each. */
  private readonly intakeGroups: GroupCommit<IntakeRow, IntakeWritten | undefined> | null;
  private readonly intakeProcedures = new LRUCache<string, IntakeProcedure>(INTAKE_PROCEDURE_CACHE);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(OutboxSignal) private readonly outboxSignal: OutboxSignal,
    // Optional: the benchmarks build this repository by hand, with neither.
    @Optional() @Inject(ReadReplica) private readonly reads?: ReadReplica,
    @Optional() @Inject(APP_CONFIG) config?: AppConfig,
  ) {
    this.namedStatements = config?.database.namedStatements ?? true;
    // Without a config (a repository built by hand) each intake is its own statement.
    const grouping = config?.database.intakeGroupCommit ?? { maxBatch: 1, maxInFlight: 1 };
    this.intakeGroups =
      grouping.maxBatch <= 1
        ? null
        : new GroupCommit({
            many: async (rows) => {
              const written = new Map((await this.writeIntakes(rows)).map((w) => [w.id, w]));
              // A row the statement skipped (its procedure version is stale) has no result.
              return rows.map((row) => written.get(row.id));
            },
            one: (row) => this.writeIntake(row),
            maxBatch: () => grouping.maxBatch,
            maxInFlight: () => grouping.maxInFlight,
            retryAlone: isPerIntakeError,
          });
  }

  /**
   * The current version of a procedure, with what intake needs. `cached`: from this process's
   * last read of it when there is one (the desk's hot path saves a round trip; the insert
   * re-checks the version, see INTAKE_SQL).
   */
  async findIntakeProcedure(
    code: string,
    options: { cached?: boolean } = {},
  ): Promise<IntakeProcedure | null> {
    const hit = options.cached ? this.intakeProcedures.get(code) : undefined;
    if (hit) {
      return hit;
    }
    const rows = await this.prepared<IntakeProcedure>(
      'motcua_find_intake_procedure',
      `SELECT p.id, p.code, p.version, p.name, p.department_id AS "departmentId", d.agency_code AS "agencyCode",
              p.time_limit_value AS "timeLimitValue", p.time_limit_unit AS "timeLimitUnit",
              p.review_chain AS "reviewChain"
       FROM procedures p JOIN departments d ON d.id = p.department_id
       WHERE p.code = $1 AND p.is_current`,
      [code],
    );
    const found = rows[0] ?? null;
    if (found) {
      this.intakeProcedures.set(code, found);
    }
    return found;
  }

  /**
   * Intake's two statements run as named prepared statements on the driver's pg pool (or the
   * transaction's connection): planning them again on every intake cost PostgreSQL about
   * 0.8 ms of CPU per intake, and TypeORM's query wrapper about as much again (measured).
   */
  private prepared<T extends QueryResultRow>(
    name: string,
    text: string,
    values: unknown[],
    manager?: EntityManager,
  ): Promise<T[]> {
    return pgStatement<T>(this.dataSource, manager, { name, text, values }, this.namedStatements);
  }

  private writeIntakes(
    rows: readonly IntakeRow[],
    manager?: EntityManager,
  ): Promise<IntakeWritten[]> {
    return this.prepared<IntakeWritten>(
      'motcua_intake',
      INTAKE_SQL,
      [JSON.stringify(rows)],
      manager,
    );
  }

  private async writeIntake(
    row: IntakeRow,
    manager?: EntityManager,
  ): Promise<IntakeWritten | undefined> {
    return (await this.writeIntakes([row], manager))[0];
  }

  /**
   * Inserts an application with its history, outbox event and checklist; see INTAKE_SQL. In a
   * caller's transaction (`manager`) it is that transaction's statement; otherwise it joins the
   * group commit with the other intakes of the moment.
   */
  async insert(app: NewApplication, manager?: EntityManager): Promise<ApplicationRecord> {
    const row = intakeRow(app);
    const written =
      this.intakeGroups && !manager
        ? this.intakeGroups.submit(row)
        : this.writeIntake(row, manager);
    const inserted = await written.catch((error: unknown) => {
      throw translateIntakeError(error);
    });
    if (!inserted) {
      this.intakeProcedures.delete(app.procedure.code);
      throw new StaleIntakeProcedureError(app.procedure.code);
    }
    if (!manager) {
      this.outboxSignal.poke();
    }
    return {
      id: inserted.id,
      code: inserted.code,
      agencyCode: app.agencyCode,
      departmentId: app.procedure.departmentId,
      holdingDepartmentId: app.procedure.departmentId,
      procedureId: app.procedure.id,
      procedureCode: app.procedure.code,
      procedureVersion: app.procedure.version,
      procedureName: app.procedure.name,
      timeLimitValue: app.procedure.timeLimitValue,
      timeLimitUnit: app.procedure.timeLimitUnit,
      channel: app.channel,
      status: app.status,
      applicantFullName: app.applicant.fullName,
      applicantKind: app.applicant.kind,
      applicantIdNumber: app.applicant.idNumber,
      applicantPhone: app.applicant.phone,
      applicantEmail: app.applicant.email,
      applicantAddress: app.applicant.address,
      documents: app.documents,
      receivedDocuments: app.receivedDocuments,
      note: app.note,
      submittedAt: app.submittedAt,
      receivedAt: app.receivedAt,
      dueAt: app.dueAt,
      originalDueAt: app.dueAt,
      pausedDueAt: null,
      supplementRequestedAt: null,
      supplementCompletedAt: null,
      supplementCount: 0,
      apologyCount: 0,
      paymentRequestedAt: null,
      withdrawalRequestedAt: null,
      resultReadyAt: null,
      returnedAt: null,
      stoppedAt: null,
      reviewChain: app.procedure.reviewChain,
      reviewPosition: null,
      resultNumber: null,
      resultSignedBy: null,
      resultSignedAt: null,
      resultDigitallySigned: false,
      stopReason: null,
      resultDeliveryChannel: null,
      assignedOfficerId: null,
      receivedBy: app.receivedBy,
      version: inserted.version,
      createdAt: inserted.createdAt,
      updatedAt: inserted.updatedAt,
    };
  }

  /** Runs `work` in a transaction holding the application's row lock (SELECT ... FOR UPDATE). */
  async withLocked<T>(
    idOrCode: string,
    work: (record: ApplicationRecord | null, tx: ApplicationTransaction) => Promise<T>,
  ): Promise<T> {
    let wroteEvents = false;
    const result = await this.dataSource.transaction(async (manager) => {
      const column = isUuid(idOrCode) ? 'a.id' : 'a.code';
      const rows: ApplicationRecord[] = await manager.query(
        `SELECT ${APPLICATION_SELECT} FROM ${APPLICATION_FROM}
         WHERE ${column} = $1 FOR UPDATE OF a`,
        [idOrCode],
      );
      const tx = new ApplicationTransaction(manager);
      const value = await work(rows[0] ?? null, tx);
      wroteEvents = tx.wroteEvents;
      return value;
    });
    if (wroteEvents) {
      this.outboxSignal.poke();
    }
    return result;
  }

  /** For writes made in a caller's transaction (idempotent intake): signal after its commit. */
  signalOutbox(): void {
    this.outboxSignal.poke();
  }

  async findByIdOrCode(idOrCode: string): Promise<ApplicationRecord | null> {
    const column = isUuid(idOrCode) ? 'a.id' : 'a.code';
    const rows: ApplicationRecord[] = await this.dataSource.query(
      `SELECT ${APPLICATION_SELECT} FROM ${APPLICATION_FROM} WHERE ${column} = $1`,
      [idOrCode],
    );
    return rows[0] ?? null;
  }

  async history(applicationId: string): Promise<HistoryRecord[]> {
    return this.dataSource.query(
      `SELECT h.id::int AS id, h.at, h.actor_id AS "actorId", u.full_name AS "actorName", h.actor_role AS "actorRole",
              h.action, h.from_status AS "fromStatus", h.to_status AS "toStatus", h.note, h.payload
       FROM application_history h LEFT JOIN users u ON u.id = h.actor_id
       WHERE h.application_id = $1 ORDER BY h.id`,
      [applicationId],
    );
  }

  /** The documents a procedure asks for, in order (inactive ones too: the caller decides). */
  async requiredDocuments(procedureCode: string): Promise<RequiredDocument[]> {
    return queryRows<RequiredDocument>(
      this.dataSource,
      `SELECT id, name, form, copies, active FROM procedure_documents
       WHERE procedure_code = $1 ORDER BY position`,
      [procedureCode],
    );
  }

  /** What the desk's checklist recorded for an application, in the procedure's order. */
  async receivedDocuments(applicationId: string): Promise<ReceivedDocument[]> {
    return queryRows<ReceivedDocument>(
      this.dataSource,
      `SELECT procedure_document_id AS "procedureDocumentId", name, form, copies
       FROM application_received_documents WHERE application_id = $1 ORDER BY position`,
      [applicationId],
    );
  }

  /** Keyset-paginated list; `limit + 1` rows are read so the caller knows whether more follow. */
  async list(filter: ListFilter): Promise<ApplicationRecord[]> {
    const { sql, params } = listQuery(filter);
    return (this.reads?.source() ?? this.dataSource).query(sql, params);
  }
}

export function isUuid(value: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);
}
