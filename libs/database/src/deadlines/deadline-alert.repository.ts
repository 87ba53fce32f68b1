import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { OPEN_STATUSES, type ApplicationStatus, type DeadlineAlertKind } from '@app/domain';
import { DataSource } from 'typeorm';
import { TransactionScope } from '../consumers/consumed-event.repository';
import { sqlStatusList } from '../repositories/postgres';

export interface NewDeadlineAlert {
  applicationId: string;
  dueAt: Date;
  kind: DeadlineAlertKind;
  raisedAt: Date;
  source: 'job' | 'sweep';
}

// The partial index applications_open_due's own predicate, so the planner uses it.
const OPEN_STATUSES_SQL = sqlStatusList(OPEN_STATUSES);

/** Arbitrary but fixed: the key of the advisory lock that keeps the sweep on one replica. */
const SWEEP_LOCK_KEY = 7_300_001;

@Injectable()
export class DeadlineAlertRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Status and current due date, to check that an alert job still applies. */
  async findDeadlineState(
    applicationId: string,
  ): Promise<{ status: string; dueAt: Date | null } | null> {
    const rows: Array<{ status: string; dueAt: Date | null }> = await this.dataSource.query(
      `SELECT status, due_at AS "dueAt" FROM applications WHERE id = $1`,
      [applicationId],
    );
    return rows[0] ?? null;
  }

  /** Inserts each alert unless the same (application, due date, kind) exists; returns how many were new. */
  async insertAlerts(
    alerts: readonly NewDeadlineAlert[],
    scope?: TransactionScope,
  ): Promise<number> {
    return (await this.insertAlertsReturning(alerts, scope)).length;
  }

  /** As insertAlerts, returning the alerts that were new (escalations are raised from them). */
  async insertAlertsReturning(
    alerts: readonly NewDeadlineAlert[],
    scope?: TransactionScope,
  ): Promise<Array<{ applicationId: string; kind: DeadlineAlertKind }>> {
    if (alerts.length === 0) {
      return [];
    }
    return (scope?.manager ?? this.dataSource).query(
      `INSERT INTO deadline_alerts (application_id, due_at, kind, raised_at, source)
       SELECT * FROM unnest($1::uuid[], $2::timestamptz[], $3::text[], $4::timestamptz[], $5::text[])
       ON CONFLICT (application_id, due_at, kind) DO NOTHING
       RETURNING application_id AS "applicationId", kind`,
      [
        alerts.map((a) => a.applicationId),
        alerts.map((a) => a.dueAt),
        alerts.map((a) => a.kind),
        alerts.map((a) => a.raisedAt),
        alerts.map((a) => a.source),
      ],
    );
  }

  /**
   * Runs `work` in a transaction holding the sweep's advisory lock, or returns { locked: false }
   * at once when another replica holds it. The lock ends with the transaction.
   */
  async withSweepLock<T>(
    work: (scope: TransactionScope) => Promise<T>,
  ): Promise<{ locked: true; result: T } | { locked: false }> {
    return this.dataSource.transaction(async (manager) => {
      const rows: Array<{ locked: boolean }> = await manager.query(
        `SELECT pg_try_advisory_xact_lock($1) AS locked`,
        [SWEEP_LOCK_KEY],
      );
      if (!rows[0].locked) {
        return { locked: false as const };
      }
      return { locked: true as const, result: await work(new TransactionScope(manager)) };
    });
  }

  /** Open applications whose clock runs but that have no due date: bad data to report. */
  async findRunningWithoutDueDate(
    scope: TransactionScope,
    running: readonly ApplicationStatus[],
    limit: number,
  ): Promise<string[]> {
    const rows: Array<{ id: string }> = await scope.manager.query(
      `SELECT a.id FROM applications a
       WHERE a.status IN ${OPEN_STATUSES_SQL} AND a.status IN ${sqlStatusList(running)}
         AND a.due_at IS NULL
       ORDER BY a.id LIMIT $1`,
      [limit],
    );
    return rows.map((r) => r.id);
  }

  /**
   * Open applications whose clock runs (`running`: runningClockStatuses of @app/domain) and
   * whose due date is at or before `horizon`, in (due_at, id) order through the partial index
   * applications_open_due, skipping those whose last alert (overdue) for the current due date
   * is already raised.
   */
  async findAlertCandidates(
    scope: TransactionScope,
    running: readonly ApplicationStatus[],
    horizon: Date,
    after: { dueAt: Date; id: string } | null,
    limit: number,
  ): Promise<Array<{ id: string; dueAt: Date }>> {
    return scope.manager.query(
      `SELECT a.id, a.due_at AS "dueAt" FROM applications a
       WHERE a.status IN ${OPEN_STATUSES_SQL}
         AND a.status IN ${sqlStatusList(running)}
         AND a.due_at <= $1 AND ($2::timestamptz IS NULL OR (a.due_at, a.id) > ($2::timestamptz, $3::uuid))
         AND NOT EXISTS (SELECT 1 FROM deadline_alerts d
                         WHERE d.application_id = a.id AND d.due_at = a.due_at AND d.kind = 'overdue')
       ORDER BY a.due_at, a.id LIMIT $4`,
      [horizon, after?.dueAt ?? null, after?.id ?? null, limit],
    );
  }
}
