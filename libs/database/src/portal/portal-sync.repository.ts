import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { APP_CONFIG, AppConfig } from '@app/config';
import { DataSource, QueryRunner } from 'typeorm';
import { dataSourceOptions } from '../data-source-options';
import {
  APPLICATION_FROM,
  APPLICATION_SELECT,
  ApplicationRecord,
} from '../applications/application.record';

export interface PortalSyncRecordInput {
  applicationId: string;
  version: number;
  eventId: string;
  eventType: string;
  nationalStatus: number | null;
  occurredAt: Date;
}

export interface PortalSyncState {
  dossierHash: string | null;
  ackedVersion: number;
  ackedProgressId: number;
  state: 'pending' | 'synced' | 'dead';
  attempts: number;
}

export interface PortalHistoryRecord {
  id: number;
  at: Date;
  action: string;
  toStatus: string;
  actorName: string | null;
  actorRole: string | null;
  actorDepartmentName: string | null;
  note: string | null;
  payload: Record<string, unknown>;
}

export interface PortalSupplementRecord {
  id: string;
  requestedAt: Date;
  completedAt: Date | null;
  items: string[];
  reason: string | null;
}

export interface PortalApplicationData {
  record: ApplicationRecord;
  holdingDepartmentName: string;
  history: PortalHistoryRecord[];
  supplements: PortalSupplementRecord[];
}

/**
 * One application's sync, serialised: a session-level advisory lock on a connection of its own
 * (so two jobs of one application never send at once), and every acknowledgement committed at
 * once (autocommit), so a later failure never makes the portal see an acknowledged payload again.
 */
export class PortalSyncSession {
  constructor(
    private readonly runner: QueryRunner,
    readonly applicationId: string,
  ) {}

  private async rows<T>(sql: string, params: unknown[]): Promise<T[]> {
    return (await this.runner.query(sql, params)) as T[];
  }

  async state(): Promise<PortalSyncState> {
    await this.runner.query(
      `INSERT INTO portal_sync_states (application_id) VALUES ($1) ON CONFLICT DO NOTHING`,
      [this.applicationId],
    );
    const rows = await this.rows<PortalSyncState>(
      `SELECT dossier_hash AS "dossierHash", acked_version AS "ackedVersion",
              acked_progress_id::int AS "ackedProgressId", state, attempts
       FROM portal_sync_states WHERE application_id = $1`,
      [this.applicationId],
    );
    return rows[0];
  }

  async application(): Promise<PortalApplicationData | null> {
    const [record] = await this.rows<ApplicationRecord>(
      `SELECT ${APPLICATION_SELECT} FROM ${APPLICATION_FROM} WHERE a.id = $1`,
      [this.applicationId],
    );
    if (!record) {
      return null;
    }
    const [department] = await this.rows<{ name: string }>(
      `SELECT name FROM departments WHERE id = $1`,
      [record.holdingDepartmentId],
    );
    const history = await this.rows<PortalHistoryRecord>(
      `SELECT h.id::int AS id, h.at, h.action, h.to_status AS "toStatus", u.full_name AS "actorName",
              h.actor_role AS "actorRole", d.name AS "actorDepartmentName", h.note, h.payload
       FROM application_history h
       LEFT JOIN users u ON u.id = h.actor_id
       LEFT JOIN departments d ON d.id = u.department_id
       WHERE h.application_id = $1 ORDER BY h.id`,
      [this.applicationId],
    );
    const supplements = await this.rows<PortalSupplementRecord>(
      `SELECT id, requested_at AS "requestedAt", completed_at AS "completedAt", items, reason
       FROM application_supplements WHERE application_id = $1 ORDER BY requested_at, id`,
      [this.applicationId],
    );
    return { record, holdingDepartmentName: department?.name ?? '', history, supplements };
  }

  async ackDossier(hash: string): Promise<void> {
    await this.runner.query(
      `UPDATE portal_sync_states SET dossier_hash = $2, updated_at = now() WHERE application_id = $1`,
      [this.applicationId, hash],
    );
  }

  async ackProgress(lastHistoryId: number): Promise<void> {
    await this.runner.query(
      `UPDATE portal_sync_states SET acked_progress_id = $2, updated_at = now() WHERE application_id = $1`,
      [this.applicationId, lastHistoryId],
    );
  }

  /**
   * Everything up to `version` is on the portal: the records turn acknowledged, then the state
   * (in that order, so whoever sees the state synced also sees its records acknowledged).
   */
  async ackVersion(version: number, now: Date): Promise<void> {
    await this.runner.query(
      `WITH acked AS (
         UPDATE portal_sync_records SET state = 'acknowledged', acknowledged_at = $3
         WHERE application_id = $1 AND version <= $2 AND state <> 'acknowledged'
         RETURNING occurred_at, extract(epoch FROM acknowledged_at - occurred_at)::float8 AS lag)
       INSERT INTO portal_sync_lag_daily AS d (day, department_id, acknowledged, lag_total_seconds, lag_max_seconds)
       SELECT (acked.occurred_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date, a.department_id,
              count(*), sum(acked.lag), max(acked.lag)
       FROM acked JOIN applications a ON a.id = $1
       GROUP BY 1, 2
       ON CONFLICT (day, department_id) DO UPDATE SET
         acknowledged = d.acknowledged + EXCLUDED.acknowledged,
         lag_total_seconds = d.lag_total_seconds + EXCLUDED.lag_total_seconds,
         lag_max_seconds = greatest(d.lag_max_seconds, EXCLUDED.lag_max_seconds)`,
      [this.applicationId, version, now],
    );
    await this.runner.query(
      `UPDATE portal_sync_states
       SET acked_version = greatest(acked_version, $2), acked_at = $3, state = 'synced',
           attempts = 0, last_error = NULL, updated_at = now()
       WHERE application_id = $1`,
      [this.applicationId, version, now],
    );
    await this.runner.query(
      `DELETE FROM portal_sync_backlog WHERE application_id = $1 AND version <= $2`,
      [this.applicationId, version],
    );
  }

  /** A failed attempt; `dead`: no more retries (dead letter) until a new change or a re-drive. */
  async recordFailure(error: string, dead: boolean): Promise<void> {
    if (dead) {
      await this.runner.query(
        `UPDATE portal_sync_records SET state = 'dead' WHERE application_id = $1 AND state = 'pending'`,
        [this.applicationId],
      );
    }
    await this.runner.query(
      `UPDATE portal_sync_states
       SET attempts = attempts + 1, last_error = left($2, 1000),
           state = CASE WHEN $3 THEN 'dead' ELSE state END, updated_at = now()
       WHERE application_id = $1`,
      [this.applicationId, error, dead],
    );
  }

  /** Reconciliation found the portal's copy different: forget what was acknowledged. */
  async forget(progressFrom: number | null): Promise<void> {
    await this.runner.query(
      `UPDATE portal_sync_states
       SET dossier_hash = NULL, state = 'pending',
           acked_progress_id = CASE WHEN $2::bigint IS NULL THEN acked_progress_id
                                    ELSE least(acked_progress_id, $2::bigint) END,
           updated_at = now()
       WHERE application_id = $1`,
      [this.applicationId, progressFrom],
    );
  }
}

export interface PortalSyncFigures {
  /** Applications received in the period whose current version the portal has not acknowledged. */
  unacknowledged: number;
  lagTotalSeconds: number;
  lagCount: number;
  lagMaxSeconds: number;
}

@Injectable()
export class PortalSyncRepository implements OnApplicationShutdown {
  /** Sessions past the pooler (DATABASE_DIRECT_URL), when there is one; see sessionSource. */
  private direct: Promise<DataSource> | null = null;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    const direct = await this.direct?.catch(() => null);
    if (direct?.isInitialized) {
      await direct.destroy();
    }
  }

  /**
   * The session lock needs a session: behind PgBouncer in transaction mode two statements of
   * one client may run on two server connections, so the lock would be taken on one and
   * released on another (or never). With a pooler (DATABASE_DIRECT_URL set apart from
   * DATABASE_URL) sessions use a small pool of their own straight to the primary.
   */
  private sessionSource(): Promise<DataSource> {
    const { url, directUrl, statementTimeoutMs } = this.config.database;
    if (directUrl === url) {
      return Promise.resolve(this.dataSource);
    }
    if (!this.direct) {
      const poolSize = this.config.national.dvcqg.concurrency + 1;
      this.direct = new DataSource(
        dataSourceOptions(this.config, { url: directUrl, poolSize, statementTimeoutMs }),
      ).initialize();
      // A failed start is tried again by the next session.
      void this.direct.catch(() => (this.direct = null));
    }
    return this.direct;
  }

  /**
   * One record per application version; a redelivered event changes nothing. A relay batch's
   * records go in one statement, in key order (two batches cannot deadlock on them).
   */
  async record(records: readonly PortalSyncRecordInput[]): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO portal_sync_records (application_id, version, event_id, event_type, national_status, occurred_at)
       SELECT application_id, version, event_id, event_type, national_status, occurred_at
       FROM jsonb_to_recordset($1::jsonb) AS r(application_id uuid, version int, event_id uuid,
         event_type text, national_status smallint, occurred_at timestamptz)
       ORDER BY application_id, version
       ON CONFLICT (application_id, version) DO NOTHING`,
      [
        JSON.stringify(
          records.map((r) => ({
            application_id: r.applicationId,
            version: r.version,
            event_id: r.eventId,
            event_type: r.eventType,
            national_status: r.nationalStatus,
            occurred_at: r.occurredAt,
          })),
        ),
      ],
    );
  }

  /** Runs `work` holding the application's sync lock (waits for another job of it to finish). */
  async withSession<T>(applicationId: string, work: (s: PortalSyncSession) => Promise<T>) {
    const runner = (await this.sessionSource()).createQueryRunner();
    await runner.connect();
    try {
      await runner.query(`SELECT pg_advisory_lock(hashtextextended('portal-sync:' || $1, 0))`, [
        applicationId,
      ]);
      try {
        return await work(new PortalSyncSession(runner, applicationId));
      } finally {
        await runner.query(`SELECT pg_advisory_unlock(hashtextextended('portal-sync:' || $1, 0))`, [
          applicationId,
        ]);
      }
    } finally {
      await runner.release();
    }
  }

  /**
   * Applications with a change in [from, to), in order of their first change there, after the
   * keyset `after`; through portal_sync_records_occurred, so a night costs its own changes.
   */
  async changedBetween(
    from: Date,
    to: Date,
    after: { at: Date; applicationId: string } | null,
    limit: number,
  ): Promise<Array<{ applicationId: string; at: Date }>> {
    return this.dataSource.query(
      `SELECT application_id AS "applicationId", occurred_at AS at FROM portal_sync_records
       WHERE occurred_at >= $1 AND occurred_at < $2
         AND ($3::timestamptz IS NULL OR (occurred_at, application_id) > ($3::timestamptz, $4::uuid))
       ORDER BY occurred_at, application_id LIMIT $5`,
      [from, to, after?.at ?? null, after?.applicationId ?? null, limit],
    );
  }

  async lastReconciledUntil(): Promise<Date | null> {
    const rows: Array<{ to: Date }> = await this.dataSource.query(
      `SELECT to_at AS "to" FROM portal_reconciliation_runs ORDER BY to_at DESC LIMIT 1`,
    );
    return rows[0]?.to ?? null;
  }

  async recordReconciliation(run: {
    from: Date;
    to: Date;
    checked: number;
    resent: number;
    complete: boolean;
  }): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO portal_reconciliation_runs (from_at, to_at, checked, resent, complete)
       VALUES ($1, $2, $3, $4, $5)`,
      [run.from, run.to, run.checked, run.resent, run.complete],
    );
  }

  /** Retention: acknowledged records and runs older than `before` (state rows stay). */
  async purgeBefore(before: Date, limit: number): Promise<number> {
    const rows: Array<{ n: number }> = await this.dataSource.query(
      `WITH gone AS (
         DELETE FROM portal_sync_records WHERE ctid IN (
           SELECT ctid FROM portal_sync_records
           WHERE occurred_at < $1 AND state = 'acknowledged' LIMIT $2)
         RETURNING 1)
       SELECT count(*)::int AS n FROM gone`,
      [before, limit],
    );
    await this.dataSource.query(`DELETE FROM portal_reconciliation_runs WHERE finished_at < $1`, [
      before,
    ]);
    return rows[0].n;
  }

  /**
   * K5's sync figures for [start, end): applications received in it, those whose latest
   * version the portal acknowledged, and the lag of the changes of the range acknowledged.
   */
  /**
   * K5.1's backlog and the sync lag of [start, end): both read small tables (the backlog of
   * unacknowledged applications, the lag by day), never the period's applications. The lag is
   * summed by local day: `start` and `end` are local midnights (a MetricsRange).
   */
  async figures(start: Date, end: Date, departmentId: string | null): Promise<PortalSyncFigures> {
    const [backlog]: Array<{ n: number }> = await this.dataSource.query(
      `SELECT count(*)::int AS n FROM portal_sync_backlog
       WHERE received_at >= $1 AND received_at < $2 AND ($3::uuid IS NULL OR department_id = $3::uuid)`,
      [start, end, departmentId],
    );
    const [lag]: Array<{ total: number; n: number; max: number }> = await this.dataSource.query(
      `SELECT coalesce(sum(lag_total_seconds), 0)::float8 AS total,
              coalesce(sum(acknowledged), 0)::int AS n,
              coalesce(max(lag_max_seconds), 0)::float8 AS max
       FROM portal_sync_lag_daily
       WHERE day >= ($1::timestamptz AT TIME ZONE 'Asia/Ho_Chi_Minh')::date
         AND day < ($2::timestamptz AT TIME ZONE 'Asia/Ho_Chi_Minh')::date
         AND ($3::uuid IS NULL OR department_id = $3::uuid)`,
      [start, end, departmentId],
    );
    return {
      unacknowledged: backlog.n,
      lagTotalSeconds: lag.total,
      lagCount: lag.n,
      lagMaxSeconds: lag.max,
    };
  }
}
