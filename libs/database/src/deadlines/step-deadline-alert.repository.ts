import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { ApplicationStatus, StepAlertKind } from '@app/domain';
import { DataSource } from 'typeorm';
import { TransactionScope } from '../consumers/consumed-event.repository';
import { queryRows, sqlStatusList } from '../repositories/postgres';
import { STEP_DUE_IN_FORCE } from '../applications/application-step.repository';

/** An open step as its alerts need it: who holds it, until when, and the application's state. */
export interface OpenStep {
  applicationId: string;
  seq: number;
  /** In force: pushed back by the applicant's waits during the step. */
  dueAt: Date;
  /** The step's first due date: the sweep's order (its partial index). */
  baseDueAt: Date;
  toDepartmentId: string;
  code: string;
  procedureName: string;
  status: string;
  assignedOfficerId: string | null;
}

export interface StepAlertCandidate extends OpenStep {
  /** The reminders whose time has come and that are not raised, in firing order. */
  kinds: StepAlertKind[];
}

export interface NewStepAlert {
  applicationId: string;
  seq: number;
  kind: StepAlertKind;
  departmentId: string;
  raisedAt: Date;
  source: 'job' | 'sweep';
}

const OPEN_STEP_SELECT_COLUMNS = `
  SELECT s.application_id AS "applicationId", s.seq, ${STEP_DUE_IN_FORCE} AS "dueAt", s.due_at AS "baseDueAt",
         s.to_department_id AS "toDepartmentId", a.code, p.name AS "procedureName", a.status,
         a.assigned_officer_id AS "assignedOfficerId"`;
const OPEN_STEP_FROM = `
  FROM application_steps s
  JOIN applications a ON a.id = s.application_id
  JOIN procedures p ON p.id = a.procedure_id`;
const OPEN_STEP_SELECT = `${OPEN_STEP_SELECT_COLUMNS} ${OPEN_STEP_FROM}`;

@Injectable()
export class StepDeadlineAlertRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The step if it is still open (null once handed on, or if it never existed). */
  async findOpenStep(
    scope: TransactionScope,
    applicationId: string,
    seq: number,
  ): Promise<OpenStep | null> {
    const rows = await queryRows<OpenStep>(
      scope.manager,
      `${OPEN_STEP_SELECT} WHERE s.application_id = $1 AND s.seq = $2 AND s.completed_at IS NULL`,
      [applicationId, seq],
    );
    return rows[0] ?? null;
  }

  /**
   * A batch of open steps whose clock runs (`running`: runningClockStatuses of @app/domain)
   * and that miss a reminder whose time has come, with the kinds they miss: `dueBefore` holds
   * each kind's bound from alertsDueBefore (@app/domain), applied to the due date in force.
   * Read in (due_at, application_id) order through the partial index application_steps_open_due
   * (open steps only, at most one per open application), below the largest bound: the due date
   * in force is never before the step's first one.
   */
  findCandidates(
    scope: TransactionScope,
    running: readonly ApplicationStatus[],
    dueBefore: ReadonlyArray<{ kind: StepAlertKind; before: Date }>,
    after: { dueAt: Date; applicationId: string } | null,
    limit: number,
  ): Promise<StepAlertCandidate[]> {
    return queryRows<StepAlertCandidate>(
      scope.manager,
      `SELECT c.* FROM (
         ${OPEN_STEP_SELECT_COLUMNS},
           ARRAY(SELECT k.kind FROM unnest($1::text[], $2::timestamptz[]) WITH ORDINALITY AS k(kind, before, n)
                 WHERE ${STEP_DUE_IN_FORCE} < k.before
                   AND NOT EXISTS (SELECT 1 FROM step_deadline_alerts x
                                   WHERE x.application_id = s.application_id AND x.seq = s.seq AND x.kind = k.kind)
                 ORDER BY k.n) AS kinds
         ${OPEN_STEP_FROM}
         WHERE s.completed_at IS NULL AND s.due_at < $3 AND a.status IN ${sqlStatusList(running)}
           AND ($4::timestamptz IS NULL OR (s.due_at, s.application_id) > ($4::timestamptz, $5::uuid))
         ORDER BY s.due_at, s.application_id
       ) c
       WHERE cardinality(c.kinds) > 0
       LIMIT $6`,
      [
        dueBefore.map((b) => b.kind),
        dueBefore.map((b) => b.before),
        new Date(Math.max(...dueBefore.map((b) => b.before.getTime()))),
        after?.dueAt ?? null,
        after?.applicationId ?? null,
        limit,
      ],
    );
  }

  /** Inserts each alert unless (application, step, kind) exists; returns the new ones. */
  async insertReturning(
    scope: TransactionScope,
    alerts: readonly NewStepAlert[],
  ): Promise<Array<{ applicationId: string; seq: number; kind: StepAlertKind }>> {
    if (alerts.length === 0) {
      return [];
    }
    return queryRows(
      scope.manager,
      `INSERT INTO step_deadline_alerts (application_id, seq, kind, department_id, raised_at, source)
       SELECT * FROM unnest($1::uuid[], $2::int[], $3::text[], $4::uuid[], $5::timestamptz[], $6::text[])
       ON CONFLICT (application_id, seq, kind) DO NOTHING
       RETURNING application_id AS "applicationId", seq, kind`,
      [
        alerts.map((a) => a.applicationId),
        alerts.map((a) => a.seq),
        alerts.map((a) => a.kind),
        alerts.map((a) => a.departmentId),
        alerts.map((a) => a.raisedAt),
        alerts.map((a) => a.source),
      ],
    );
  }

  transaction<T>(work: (scope: TransactionScope) => Promise<T>): Promise<T> {
    return this.dataSource.transaction((manager) => work(new TransactionScope(manager)));
  }
}
