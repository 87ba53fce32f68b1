import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { queryRows } from '../repositories/postgres';

/** A procedure a citizen may submit online, with the documents it asks for. */
export interface OnlineProcedureRecord {
  code: string;
  name: string;
  departmentName: string;
  onlineLevel: 'full' | 'partial';
  feeVnd: number;
  timeLimitValue: number;
  timeLimitUnit: string;
  documents: string[];
}

/** What the citizen's own requests are checked against. */
export interface CitizenAccessRecord {
  id: string;
  code: string;
  status: string;
  channel: string;
  citizenTokenHash: string | null;
  version: number;
}

export interface InboxRow {
  id: string;
  code: string;
  procedureCode: string;
  procedureName: string;
  applicantFullName: string;
  submittedAt: Date;
  checkDueAt: Date | null;
  /** When the worker flagged the missed check and escalated it (null: not missed, or not yet). */
  checkEscalatedAt: Date | null;
  fileCount: number;
  version: number;
}

/** Where an event's e-mail goes, read when the event is handled. */
export interface MailTarget {
  code: string;
  email: string | null;
  fullName: string;
  procedureName: string;
  channel: string;
}

@Injectable()
export class OnlineSubmissionRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Current procedures offered online (toàn trình or một phần), optionally one by code. */
  async onlineProcedures(code?: string): Promise<OnlineProcedureRecord[]> {
    const rows = await queryRows<Omit<OnlineProcedureRecord, 'feeVnd'> & { feeVnd: string }>(
      this.dataSource,
      `SELECT p.code, p.name, d.name AS "departmentName", p.online_level AS "onlineLevel",
              p.fee_vnd::text AS "feeVnd", p.time_limit_value AS "timeLimitValue",
              p.time_limit_unit AS "timeLimitUnit",
              COALESCE((SELECT array_agg(pd.name ORDER BY pd.position) FROM procedure_documents pd
                         WHERE pd.procedure_code = p.code AND pd.active), '{}') AS documents
         FROM procedures p JOIN departments d ON d.id = p.department_id
        WHERE p.is_current AND p.online_level <> 'none' AND ($1::text IS NULL OR p.code = $1)
        ORDER BY p.code LIMIT 500`,
      [code ?? null],
    );
    return rows.map((r) => ({ ...r, feeVnd: Number(r.feeVnd) }));
  }

  /** Replaces the documents a procedure asks for (admin, seed). */
  async setProcedureDocuments(code: string, names: string[]): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await manager.query(`DELETE FROM procedure_documents WHERE procedure_code = $1`, [code]);
      for (const [i, name] of names.entries()) {
        await manager.query(
          `INSERT INTO procedure_documents (procedure_code, position, name) VALUES ($1, $2, $3)`,
          [code, i + 1, name],
        );
      }
    });
  }

  async setCitizenAccess(
    manager: EntityManager,
    applicationId: string,
    tokenHash: string,
    checkDueAt: Date,
  ): Promise<void> {
    await manager.query(
      `UPDATE applications SET citizen_token_hash = $2, online_check_due_at = $3 WHERE id = $1`,
      [applicationId, tokenHash, checkDueAt],
    );
  }

  async findByCode(code: string): Promise<CitizenAccessRecord | null> {
    const rows = await queryRows<CitizenAccessRecord>(
      this.dataSource,
      `SELECT id, code, status, channel, citizen_token_hash AS "citizenTokenHash", version
         FROM applications WHERE code = $1`,
      [code],
    );
    return rows[0] ?? null;
  }

  /** The desk's online inbox: submitted online, not yet checked, by check deadline. */
  async inbox(limit: number): Promise<InboxRow[]> {
    return queryRows<InboxRow>(
      this.dataSource,
      `SELECT a.id, a.code, a.procedure_code AS "procedureCode", p.name AS "procedureName",
              a.applicant_full_name AS "applicantFullName", a.submitted_at AS "submittedAt",
              a.online_check_due_at AS "checkDueAt", a.version,
              (SELECT e.raised_at FROM online_check_escalations e WHERE e.application_id = a.id)
                AS "checkEscalatedAt",
              (SELECT count(*)::int FROM application_files f WHERE f.application_id = a.id) AS "fileCount"
         FROM applications a JOIN procedures p ON p.id = a.procedure_id
        WHERE a.status = 'submitted' AND a.channel = 'online'
        ORDER BY a.online_check_due_at NULLS LAST, a.id LIMIT $1`,
      [limit],
    );
  }

  /** The targets of these applications, by id, in one statement (a relay batch's mails). */
  async mailTargets(applicationIds: readonly string[]): Promise<Map<string, MailTarget>> {
    if (applicationIds.length === 0) {
      return new Map();
    }
    const rows = await queryRows<MailTarget & { id: string }>(
      this.dataSource,
      `SELECT a.id, a.code, a.applicant_email AS email, a.applicant_full_name AS "fullName",
              p.name AS "procedureName", a.channel
         FROM applications a JOIN procedures p ON p.id = a.procedure_id
        WHERE a.id = ANY($1::uuid[])`,
      [applicationIds],
    );
    return new Map(rows.map(({ id, ...target }) => [id, target]));
  }

  /** Which of these events were mailed already (primary key citizen_mails_pkey). */
  async mailedAmong(eventIds: readonly string[]): Promise<Set<string>> {
    if (eventIds.length === 0) {
      return new Set();
    }
    const rows = await queryRows<{ eventId: string }>(
      this.dataSource,
      `SELECT event_id AS "eventId" FROM citizen_mails WHERE event_id = ANY($1::uuid[])`,
      [eventIds],
    );
    return new Set(rows.map((r) => r.eventId));
  }

  async recordMail(eventId: string, applicationId: string, kind: string): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO citizen_mails (event_id, application_id, kind) VALUES ($1, $2, $3)
       ON CONFLICT (event_id) DO NOTHING`,
      [eventId, applicationId, kind],
    );
  }

  /** The mails sent for an application, oldest first (tests, support). */
  async mailsOf(applicationId: string): Promise<Array<{ kind: string; sentAt: Date }>> {
    return queryRows(
      this.dataSource,
      `SELECT kind, sent_at AS "sentAt" FROM citizen_mails WHERE application_id = $1 ORDER BY sent_at`,
      [applicationId],
    );
  }

  /** Runs `work` in one transaction (the submission and its attachments). */
  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }
}
