import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type ApplicationStatus, type EscalationOverride } from '@app/domain';
import { DataSource } from 'typeorm';
import { TransactionScope } from '../consumers/consumed-event.repository';
import { queryRows, sqlOpenStatusList } from '../repositories/postgres';
import {
  allEscalationOverrides,
  applicableEscalationOverrides,
} from './escalation-policy.repository';

export interface EscalationRecipient {
  /** Absent for the supervising office's configured address (no supervisor account). */
  userId?: string;
  email?: string | null;
  role: string;
  name?: string;
}

export interface EscalationRecord {
  id: string;
  applicationId: string;
  applicationCode: string;
  procedureName: string;
  /** The due date this escalation is about: a moved date gets escalations of its own. */
  dueAt: Date | null;
  level: number;
  raisedAt: Date;
  recipients: EscalationRecipient[];
  acknowledgedBy: string | null;
  acknowledgedAt: Date | null;
}

/** What raising an escalation needs to know about the application. */
export interface EscalationSubject {
  id: string;
  code: string;
  status: string;
  departmentId: string;
  procedureCode: string;
  procedureName: string;
  dueAt: Date | null;
  assignedOfficerId: string | null;
  limitValue: number;
  limitUnit: string;
}

export interface StaffMember {
  id: string;
  role: string;
  fullName: string;
  email: string | null;
  departmentId: string | null;
}

const SELECT_ESCALATION = `
  SELECT e.id::text, e.application_id AS "applicationId", a.code AS "applicationCode",
         p.name AS "procedureName", e.due_at AS "dueAt", e.level,
         e.raised_at AS "raisedAt", e.recipients, e.acknowledged_by AS "acknowledgedBy",
         e.acknowledged_at AS "acknowledgedAt"
  FROM escalations e JOIN applications a ON a.id = e.application_id
  JOIN procedures p ON p.id = a.procedure_id`;

export interface Level4Candidate {
  id: string;
  dueAt: Date;
  departmentId: string;
  procedureCode: string;
}

/** $1 due before, $2-$3 keyset, $4 limit. */
export const LEVEL4_CANDIDATES_SQL = (statuses: readonly ApplicationStatus[]) => `
  SELECT a.id, a.due_at AS "dueAt", a.department_id AS "departmentId", a.procedure_code AS "procedureCode"
  FROM applications a
  WHERE a.status IN ${sqlOpenStatusList(statuses)}
    AND a.due_at < $1
    AND ($2::timestamptz IS NULL OR (a.due_at, a.id) > ($2::timestamptz, $3::uuid))
    AND EXISTS (SELECT 1 FROM escalations e3
                WHERE e3.application_id = a.id AND e3.level = 3 AND e3.due_at = a.due_at)
    AND NOT EXISTS (SELECT 1 FROM escalations e4
                    WHERE e4.application_id = a.id AND e4.level = 4 AND e4.due_at = a.due_at)
  ORDER BY a.due_at, a.id
  LIMIT $4`;

/** Which escalations a reader asks for, and the page. */
export interface EscalationFilter {
  /** Only rows whose recipients include this user; null: every row. */
  recipientId: string | null;
  acknowledged: boolean | null;
  level: number | null;
  /** Rows listed after this one (keyset on raised_at, id; newest first). */
  afterId: string | null;
  limit: number;
}

const RECIPIENT_MATCHES = `($1::text IS NULL OR e.recipients @> jsonb_build_array(jsonb_build_object('userId', $1::text)))`;

@Injectable()
export class EscalationRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  transaction<T>(work: (scope: TransactionScope) => Promise<T>): Promise<T> {
    return this.dataSource.transaction((manager) => work(new TransactionScope(manager)));
  }

  async findSubject(scope: TransactionScope, applicationId: string) {
    const rows = await queryRows<EscalationSubject>(
      scope.manager,
      `SELECT a.id, a.code, a.status, a.department_id AS "departmentId",
              a.procedure_code AS "procedureCode", p.name AS "procedureName", a.due_at AS "dueAt",
              a.assigned_officer_id AS "assignedOfficerId",
              p.time_limit_value AS "limitValue", p.time_limit_unit AS "limitUnit"
       FROM applications a JOIN procedures p ON p.id = a.procedure_id WHERE a.id = $1`,
      [applicationId],
    );
    return rows[0] ?? null;
  }

  /** Active staff of these roles; `departmentId` narrows the department-bound roles. */
  staff(scope: TransactionScope, role: string, departmentId?: string): Promise<StaffMember[]> {
    return queryRows<StaffMember>(
      scope.manager,
      `SELECT id, role, full_name AS "fullName", email, department_id AS "departmentId" FROM users
       WHERE active AND role = $1 AND ($2::uuid IS NULL OR department_id = $2) ORDER BY username`,
      [role, departmentId ?? null],
    );
  }

  async activeUser(scope: TransactionScope, id: string): Promise<StaffMember | null> {
    const rows = await queryRows<StaffMember>(
      scope.manager,
      `SELECT id, role, full_name AS "fullName", email, department_id AS "departmentId"
       FROM users WHERE id = $1 AND active`,
      [id],
    );
    return rows[0] ?? null;
  }

  /** Override rows that may apply; `resolveEscalationPolicy` (@app/domain) picks the values. */
  policyOverridesFor(
    scope: TransactionScope,
    departmentId: string,
    procedureCode: string,
  ): Promise<EscalationOverride[]> {
    return applicableEscalationOverrides(scope.manager, departmentId, procedureCode);
  }

  /** Returns the new row's id, or null when (application, level, due date) was already raised. */
  async insert(
    scope: TransactionScope,
    row: {
      applicationId: string;
      level: number;
      dueAt: Date;
      raisedAt: Date;
      recipients: EscalationRecipient[];
    },
  ): Promise<string | null> {
    const rows = await queryRows<{ id: string }>(
      scope.manager,
      `INSERT INTO escalations (application_id, level, due_at, raised_at, recipients)
       VALUES ($1, $2, $3, $4, $5::jsonb) ON CONFLICT (application_id, level, due_at) DO NOTHING
       RETURNING id::text`,
      [row.applicationId, row.level, row.dueAt, row.raisedAt, JSON.stringify(row.recipients)],
    );
    return rows[0]?.id ?? null;
  }

  async insertApologyDraft(
    scope: TransactionScope,
    draft: {
      applicationId: string;
      responsibleDepartmentId: string;
      suggestedNewDueAt: Date;
      createdAt: Date;
    },
  ): Promise<boolean> {
    const rows = await queryRows(
      scope.manager,
      `INSERT INTO apology_drafts (application_id, responsible_department_id, suggested_new_due_at, created_at)
       VALUES ($1, $2, $3, $4) ON CONFLICT (application_id) DO NOTHING RETURNING id`,
      [
        draft.applicationId,
        draft.responsibleDepartmentId,
        draft.suggestedNewDueAt,
        draft.createdAt,
      ],
    );
    return rows.length === 1;
  }

  /**
   * A batch of open applications whose clock runs (`statuses`: runningClockStatuses of
   * @app/domain), due before `dueBefore` (overdueByWorkingDaysDueBefore of @app/domain for the
   * smallest N in force), escalated to level 3 for their current due date but not yet to 4.
   * In (due_at, id) order through the partial index applications_open_due; the escalations are
   * looked up by their unique index (application, level, due date). Each row's own N is then
   * decided from the policy before anything is raised.
   */
  level4Candidates(
    scope: TransactionScope,
    statuses: readonly ApplicationStatus[],
    dueBefore: Date,
    after: { dueAt: Date; id: string } | null,
    limit: number,
  ): Promise<Level4Candidate[]> {
    return queryRows<Level4Candidate>(scope.manager, LEVEL4_CANDIDATES_SQL(statuses), [
      dueBefore,
      after?.dueAt ?? null,
      after?.id ?? null,
      limit,
    ]);
  }

  /** Every override row (a small table): the sweep resolves each candidate's policy from it. */
  allPolicyOverrides(scope: TransactionScope): Promise<EscalationOverride[]> {
    return allEscalationOverrides(scope.manager);
  }

  /** A page of rows, newest first, as the filter says. */
  list(filter: EscalationFilter): Promise<EscalationRecord[]> {
    return queryRows(
      this.dataSource,
      `${SELECT_ESCALATION}
       WHERE ${RECIPIENT_MATCHES}
         AND ($2::boolean IS NULL OR (e.acknowledged_at IS NOT NULL) = $2)
         AND ($3::int IS NULL OR e.level = $3)
         AND ($4::bigint IS NULL OR (e.raised_at, e.id) <
              (SELECT x.raised_at, x.id FROM escalations x WHERE x.id = $4))
       ORDER BY e.raised_at DESC, e.id DESC LIMIT $5`,
      [filter.recipientId, filter.acknowledged, filter.level, filter.afterId, filter.limit],
    );
  }

  /** How many rows the reader has not acknowledged (the inbox's badge). */
  async countOpen(recipientId: string | null): Promise<number> {
    const rows = await queryRows<{ n: number }>(
      this.dataSource,
      `SELECT count(*)::int AS n FROM escalations e
       WHERE ${RECIPIENT_MATCHES} AND e.acknowledged_at IS NULL`,
      [recipientId],
    );
    return rows[0].n;
  }

  async findById(id: string): Promise<EscalationRecord | null> {
    const rows = await queryRows<EscalationRecord>(
      this.dataSource,
      `${SELECT_ESCALATION} WHERE e.id = $1`,
      [id],
    );
    return rows[0] ?? null;
  }

  /** Acknowledges once: false when someone already did. */
  async acknowledge(id: string, userId: string, at: Date): Promise<boolean> {
    const rows = await queryRows(
      this.dataSource,
      `UPDATE escalations SET acknowledged_by = $2, acknowledged_at = $3
       WHERE id = $1 AND acknowledged_at IS NULL RETURNING id`,
      [id, userId, at],
    );
    return rows.length === 1;
  }
}
