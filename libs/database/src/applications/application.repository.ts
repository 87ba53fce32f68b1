import { Inject, Injectable, Optional } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@app/config';
import { OutboxSignal } from '../outbox/outbox-signal';
import { InjectDataSource } from '@nestjs/typeorm';
import type { QueryResultRow } from 'pg';
import { DataSource, EntityManager } from 'typeorm';
import { currentTraceContext } from '@app/observability';
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
 * One statement does the whole intake: take the next number of the agency's daily counter,
 * insert the application, its first history row and its outbox event. As one statement it is
 * one round trip and one implicit transaction, so the counter row is locked for the shortest
 * possible time and a failure gives the number back (gap-free codes). It writes nothing, and
 * returns no row, unless the procedure version it was prepared with ($6) is still the current
 * one of its department and agency ($5, $2): so intake may prepare from a cached procedure.
 */
const INTAKE_SQL = `
WITH current_procedure AS (
  SELECT 1 FROM procedures p JOIN departments d ON d.id = p.department_id
  WHERE p.id = $6 AND p.is_current AND p.department_id = $5 AND d.agency_code = $2::text
), counter AS (
  INSERT INTO application_code_counters (agency_code, day, last_value)
  SELECT $2::text, $3::date, 1 FROM current_procedure
  ON CONFLICT (agency_code, day) DO UPDATE SET last_value = application_code_counters.last_value + 1
  RETURNING $2::text || '-' || $4::text || '-' || CASE WHEN last_value < 10000 THEN lpad(last_value::text, 4, '0') ELSE last_value::text END AS code
), app AS (
  INSERT INTO applications (id, code, agency_code, department_id, procedure_id, procedure_code, channel, status,
    applicant_full_name, applicant_id_number, applicant_phone, applicant_email, applicant_address, search_text,
    documents, note, submitted_at, received_at, due_at, original_due_at, received_by, applicant_kind)
  SELECT $1::uuid, code, $2::text, $5, $6, $7, $8, $9::text, $10, $11, $12, $13, $14, $15::text || ' ' || lower(code),
    $16::jsonb, $17, $18, $19, $20::timestamptz, $20::timestamptz, $21::uuid, $34::text
  FROM counter
  RETURNING id, code, version, created_at, updated_at
), history AS (
  INSERT INTO application_history (application_id, at, actor_id, actor_role, action, from_status, to_status, note, payload)
  SELECT id, $22, $32::uuid, $23, $24, $25, $9::text, $26, $27::jsonb FROM app
), event AS (
  INSERT INTO outbox_events (id, aggregate_type, aggregate_id, type, payload, occurred_at, trace_context)
  SELECT $28, 'application', id, $29, $30::jsonb || jsonb_build_object('code', code), $22, $31 FROM app
), received AS (
  INSERT INTO application_received_documents (application_id, position, procedure_document_id, name, form, copies)
  SELECT app.id, d.position, d."procedureDocumentId", d.name, d.form, d.copies
  FROM app, jsonb_to_recordset($33::jsonb) AS d(position smallint, "procedureDocumentId" uuid, name text, form text, copies smallint)
)
SELECT id, code, version, created_at AS "createdAt", updated_at AS "updatedAt" FROM app`;

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
  private readonly intakeProcedures = new LRUCache<string, IntakeProcedure>(
    INTAKE_PROCEDURE_CACHE,
  );

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(OutboxSignal) private readonly outboxSignal: OutboxSignal,
    // Optional: the benchmarks build this repository by hand, with neither.
    @Optional() @Inject(ReadReplica) private readonly reads?: ReadReplica,
    @Optional() @Inject(APP_CONFIG) config?: AppConfig,
  ) {
    this.namedStatements = config?.database.namedStatements ?? true;
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

  /** Inserts an application with its history and outbox event; see INTAKE_SQL. */
  async insert(app: NewApplication, manager?: EntityManager): Promise<ApplicationRecord> {
    const h = app.history;
    const rows = await this.prepared<{
      id: string;
      code: string;
      version: number;
      createdAt: Date;
      updatedAt: Date;
    }>(
      'motcua_intake',
      INTAKE_SQL,
      [
        app.id,
        app.agencyCode,
        app.codeDay,
        app.codeDay.slice(2).replace(/-/g, ''),
        app.procedure.departmentId,
        app.procedure.id,
        app.procedure.code,
        app.channel,
        app.status,
        app.applicant.fullName,
        app.applicant.idNumber,
        app.applicant.phone,
        app.applicant.email,
        app.applicant.address,
        app.searchText,
        JSON.stringify(app.documents),
        app.note,
        app.submittedAt,
        app.receivedAt,
        app.dueAt,
        app.receivedBy,
        h.at,
        h.actorRole,
        h.action,
        h.fromStatus,
        h.note,
        JSON.stringify(h.payload),
        app.event.id,
        app.event.type,
        JSON.stringify(app.event.payload),
        // The request's trace travels with the event to the relay and the jobs it causes.
        currentTraceContext(),
        // Who acted, even when nobody received it yet (a submission logged by staff).
        h.actorId,
        JSON.stringify(app.receivedDocuments.map((d, i) => ({ ...d, position: i + 1 }))),
        app.applicant.kind,
      ],
      manager,
    ).catch((error: unknown) => {
      throw translateIntakeError(error);
    });
    const row = rows[0];
    if (!row) {
      this.intakeProcedures.delete(app.procedure.code);
      throw new StaleIntakeProcedureError(app.procedure.code);
    }
    if (!manager) {
      this.outboxSignal.poke();
    }
    return {
      id: row.id,
      code: row.code,
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
      version: row.version,
      createdAt: row.createdAt,
      updatedAt: row.updatedAt,
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
