import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DEADLINE_ALERT_KINDS, type ApplicationStatus, type DeadlineAlertKind } from '@app/domain';
import { DataSource, QueryRunner } from 'typeorm';
import { TransactionScope } from '../consumers/consumed-event.repository';
import { queryRows, sqlOpenStatusList } from '../repositories/postgres';

export interface NewDeadlineAlert {
  applicationId: string;
  dueAt: Date;
  kind: DeadlineAlertKind;
  raisedAt: Date;
  source: 'job' | 'sweep';
}

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
   * Runs `work` while this process holds the sweep's advisory lock, or returns { locked: false }
   * at once when another replica holds it. The lock is a session lock on a connection of its
   * own, held by no transaction: `work` reads through the session and writes each batch in a
   * short transaction of the session (SweepSession), so no transaction lasts as long as the
   * sweep and the sweep needs one pooled connection, never two. A process that dies drops its
   * connection, and the lock with it.
   */
  async withSweepLock<T>(
    work: (session: SweepSession) => Promise<T>,
  ): Promise<{ locked: true; result: T } | { locked: false }> {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      const rows = await queryRows<{ locked: boolean }>(
        runner.manager,
        `SELECT pg_try_advisory_lock($1) AS locked`,
        [SWEEP_LOCK_KEY],
      );
      if (!rows[0].locked) {
        return { locked: false as const };
      }
      try {
        return { locked: true as const, result: await work(new SweepSession(runner)) };
      } finally {
        await queryRows(runner.manager, `SELECT pg_advisory_unlock($1)`, [SWEEP_LOCK_KEY]);
      }
    } finally {
      await runner.release();
    }
  }

  /** Open applications whose clock runs but that have no due date: bad data to report. */
  async findRunningWithoutDueDate(
    scope: TransactionScope,
    running: readonly ApplicationStatus[],
    limit: number,
  ): Promise<string[]> {
    const rows: Array<{ id: string }> = await scope.manager.query(
      `SELECT a.id FROM applications a
       WHERE a.status IN ${sqlOpenStatusList(running)}
         AND a.due_at IS NULL
       ORDER BY a.id LIMIT $1`,
      [limit],
    );
    return rows.map((r) => r.id);
  }

  /**
   * A batch of open applications whose clock runs (`running`: runningClockStatuses of
   * @app/domain) and that miss a reminder whose time has come, with the kinds they miss:
   * `dueBefore` is alertsDueBefore (@app/domain), so a kind has come exactly when due_at is
   * before its bound. Read in (due_at, id) order through the partial index applications_open_due
   * (an index range below the largest bound); each row's reminders are looked up by the
   * unique index of deadline_alerts. Nothing is loaded for an application whose reminders are
   * all raised or not due yet.
   */
  findAlertCandidates(
    scope: TransactionScope,
    running: readonly ApplicationStatus[],
    dueBefore: Record<DeadlineAlertKind, Date>,
    after: { dueAt: Date; id: string } | null,
    limit: number,
  ): Promise<AlertCandidate[]> {
    const kinds = DEADLINE_ALERT_KINDS;
    return queryRows<AlertCandidate>(scope.manager, ALERT_CANDIDATES_SQL(running), [
      kinds,
      kinds.map((k) => dueBefore[k]),
      new Date(Math.max(...kinds.map((k) => dueBefore[k].getTime()))),
      after?.dueAt ?? null,
      after?.id ?? null,
      limit,
    ]);
  }
}

/**
 * The deadline sweep's connection, holding its advisory lock: `scope` reads outside any
 * transaction, `transaction` runs one batch's writes in a short transaction of its own.
 */
export class SweepSession {
  readonly scope: TransactionScope;

  constructor(private readonly runner: QueryRunner) {
    this.scope = new TransactionScope(runner.manager);
  }

  async transaction<T>(work: (scope: TransactionScope) => Promise<T>): Promise<T> {
    await this.runner.startTransaction();
    try {
      const result = await work(this.scope);
      await this.runner.commitTransaction();
      return result;
    } catch (error) {
      await this.runner.rollbackTransaction();
      throw error;
    }
  }
}

export interface AlertCandidate {
  id: string;
  dueAt: Date;
  /** The reminders whose time has come and that are not raised, in firing order. */
  kinds: DeadlineAlertKind[];
}

/** The sweep's one query ($1 kinds, $2 their bounds, $3 the largest, $4-$5 keyset, $6 limit). */
export const ALERT_CANDIDATES_SQL = (running: readonly ApplicationStatus[]) => `
  SELECT c.id, c."dueAt", c.kinds FROM (
    SELECT a.id, a.due_at AS "dueAt",
           ARRAY(SELECT k.kind FROM unnest($1::text[], $2::timestamptz[]) WITH ORDINALITY AS k(kind, before, n)
                 WHERE a.due_at < k.before
                   AND NOT EXISTS (SELECT 1 FROM deadline_alerts d
                                   WHERE d.application_id = a.id AND d.due_at = a.due_at AND d.kind = k.kind)
                 ORDER BY k.n) AS kinds
    FROM applications a
    WHERE a.status IN ${sqlOpenStatusList(running)}
      AND a.due_at < $3
      AND ($4::timestamptz IS NULL OR (a.due_at, a.id) > ($4::timestamptz, $5::uuid))
    ORDER BY a.due_at, a.id
  ) c
  WHERE cardinality(c.kinds) > 0
  LIMIT $6`;
