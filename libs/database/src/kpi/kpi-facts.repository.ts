import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import {
  KPI_DAILY_COUNTERS,
  type K1Segment,
  type KpiCompletion,
  type KpiContribution,
  type KpiHistoryEntry,
  signedResultSql,
} from '@app/domain';
import { TransactionScope } from '../consumers/consumed-event.repository';

/** What the indicators need to know about one received application. */
export interface KpiApplicationSource {
  id: string;
  departmentId: string;
  procedureId: string;
  procedureCode: string;
  channel: string;
  receivedAt: Date;
  originalDueAt: Date | null;
  timeLimitValue: number;
  timeLimitUnit: string;
  history: KpiHistoryEntry[];
}

/** What was stored for it last time: the roll-up key its contributions went to, and them. */
export interface StoredKpiFacts {
  applicationId: string;
  departmentId: string;
  procedureId: string;
  channel: string;
  contributions: KpiContribution[];
  segments: K1Segment[];
  completedAt: Date | null;
}

export interface NewKpiFacts {
  source: KpiApplicationSource;
  contributions: KpiContribution[];
  segments: K1Segment[];
  completion: KpiCompletion | null;
}

export interface K1Change {
  applicationId: string;
  affectedFrom: Date;
  cause: string;
}

// Any constant distinguishes these advisory locks from others taken on the same database.
const FACTS_LOCK_NAMESPACE = 1_764_500;

interface SegmentRow {
  applicationId: string;
  validFrom: Date;
  validTo: Date | null;
  category: K1Segment['category'];
  endAt: Date | null;
  verdict: K1Segment['verdict'];
  lateFrom: Date | null;
}

/**
 * Per-application K1 segments and roll-up contributions (kpi_k1_segments,
 * kpi_application_facts). Callers hold the applications' locks (lock()) for the whole
 * transaction, so two workers recomputing one application run one after the other.
 */
@Injectable()
export class KpiFactsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Roll-up rows of local days from..to that differ from the sum of the stored contributions of
   * `applicationIds` on those days (every contribution on a day comes from an application with a
   * history line that day). One statement, so one snapshot: a consumer committing meanwhile
   * cannot make a false drift.
   */
  async rollupDrift(
    from: string,
    to: string,
    applicationIds: readonly string[],
  ): Promise<Array<{ key: string; counter: string; expected: number; stored: number }>> {
    const unpivot = KPI_DAILY_COUNTERS.map((c) => `('${c}', r.${c})`).join(', ');
    return this.dataSource.query(
      `WITH expected AS (
         SELECT (c->>'day')::date AS day, f.department_id, f.procedure_id, f.channel,
                c->>'counter' AS counter, sum((c->>'n')::int)::int AS n
         FROM kpi_application_facts f CROSS JOIN jsonb_array_elements(f.contributions) c
         WHERE f.application_id = ANY($3::uuid[]) AND (c->>'day')::date BETWEEN $1 AND $2
         GROUP BY 1, 2, 3, 4, 5),
       stored AS (
         SELECT r.day, r.department_id, r.procedure_id, r.channel, u.counter, u.n
         FROM kpi_daily_rollups r CROSS JOIN LATERAL (VALUES ${unpivot}) AS u(counter, n)
         WHERE r.day BETWEEN $1 AND $2 AND u.n <> 0)
       SELECT concat_ws('|', to_char(coalesce(e.day, s.day), 'YYYY-MM-DD'), coalesce(e.department_id, s.department_id),
                        coalesce(e.procedure_id, s.procedure_id), coalesce(e.channel, s.channel)) AS key,
              coalesce(e.counter, s.counter) AS counter, coalesce(e.n, 0) AS expected, coalesce(s.n, 0) AS stored
       FROM expected e FULL JOIN stored s ON s.day = e.day AND s.department_id = e.department_id
         AND s.procedure_id = e.procedure_id AND s.channel = e.channel AND s.counter = e.counter
       WHERE coalesce(e.n, 0) <> coalesce(s.n, 0)
       ORDER BY 1, 2`,
      [from, to, applicationIds],
    );
  }

  /** Runs `work` in a transaction of its own (for recomputations outside the event consumer). */
  transaction<T>(work: (scope: TransactionScope) => Promise<T>): Promise<T> {
    return this.dataSource.transaction((manager) => work(new TransactionScope(manager)));
  }

  /** Applications with a history line in [start, end) (index application_history_at). */
  async findTouchedBetween(start: Date, end: Date): Promise<string[]> {
    const rows: Array<{ id: string }> = await this.dataSource.query(
      `SELECT DISTINCT application_id AS id FROM application_history WHERE at >= $1 AND at < $2`,
      [start, end],
    );
    return rows.map((r) => r.id).sort();
  }

  /**
   * Received applications without facts, in id order after `afterId` (a page of a rebuild):
   * after the migration that introduced them, or whatever a crash left behind.
   */
  async findReceivedWithoutFacts(afterId: string | null, limit: number): Promise<string[]> {
    const rows: Array<{ id: string }> = await this.dataSource.query(
      `SELECT a.id FROM applications a
       WHERE a.received_at IS NOT NULL AND ($1::uuid IS NULL OR a.id > $1::uuid)
         AND NOT EXISTS (SELECT 1 FROM kpi_application_facts f WHERE f.application_id = a.id)
       ORDER BY a.id LIMIT $2`,
      [afterId, limit],
    );
    return rows.map((r) => r.id);
  }

  /**
   * Applications received in [start, end) without facts, in (received_at, id) order after
   * `after`: the nightly safety net, read through applications_received_at, so its cost is the
   * window's receptions whatever the table holds (the whole-table anti-join above took 9 s at
   * 10 M every night).
   */
  async findReceivedWithoutFactsBetween(
    start: Date,
    end: Date,
    after: { receivedAt: Date; id: string } | null,
    limit: number,
  ): Promise<Array<{ id: string; receivedAt: Date }>> {
    return this.dataSource.query(
      `SELECT a.id, a.received_at AS "receivedAt" FROM applications a
       WHERE a.received_at >= $1 AND a.received_at < $2
         AND ($3::timestamptz IS NULL OR (a.received_at, a.id) > ($3::timestamptz, $4::uuid))
         AND NOT EXISTS (SELECT 1 FROM kpi_application_facts f WHERE f.application_id = a.id)
       ORDER BY a.received_at, a.id LIMIT $5`,
      [start, end, after?.receivedAt ?? null, after?.id ?? null, limit],
    );
  }

  /** Received applications in id order after `afterId`: a page of a full recomputation. */
  async findReceived(afterId: string | null, limit: number): Promise<string[]> {
    const rows: Array<{ id: string }> = await this.dataSource.query(
      `SELECT a.id FROM applications a
       WHERE a.received_at IS NOT NULL AND ($1::uuid IS NULL OR a.id > $1::uuid)
       ORDER BY a.id LIMIT $2`,
      [afterId, limit],
    );
    return rows.map((r) => r.id);
  }

  /**
   * Transaction-level advisory locks on the applications, taken in one statement in a fixed
   * order so that overlapping batches of two replicas wait for each other, never deadlock.
   */
  async lock(scope: TransactionScope, applicationIds: readonly string[]): Promise<void> {
    if (applicationIds.length === 0) {
      return;
    }
    await scope.manager.query(
      `SELECT pg_advisory_xact_lock($1::int, k) FROM (
         SELECT DISTINCT hashtext(id::text) AS k FROM unnest($2::uuid[]) AS t(id)
       ) keys ORDER BY k`,
      [FACTS_LOCK_NAMESPACE, applicationIds],
    );
  }

  /**
   * The received ones among these applications, with their whole history in order: one
   * statement, each history line with its application's columns (a batch's reads are round trips
   * the consumer waits for while it holds the applications' locks). The history is read per
   * application, by its index: as a plain join (or a LATERAL the planner flattens into one,
   * hence OFFSET 0) it was hashed against a whole scan of the month's partition while that held
   * tens of thousands of rows, as a new month's does for weeks (EXPLAIN ANALYZE at 35 k rows:
   * 48 ms of a 65 ms read, against 100 index probes).
   */
  async findSources(
    scope: TransactionScope,
    applicationIds: readonly string[],
  ): Promise<KpiApplicationSource[]> {
    if (applicationIds.length === 0) {
      return [];
    }
    const rows: Array<
      Omit<KpiApplicationSource, 'history'> & {
        [K in keyof KpiHistoryEntry]: KpiHistoryEntry[K] | null;
      }
    > = await scope.manager.query(
      `SELECT a.id, a.department_id AS "departmentId", a.procedure_id AS "procedureId",
              a.procedure_code AS "procedureCode", a.channel, a.received_at AS "receivedAt",
              a.original_due_at AS "originalDueAt", p.time_limit_value AS "timeLimitValue",
              p.time_limit_unit AS "timeLimitUnit",
              h.at, h.action, h.payload->>'stopReason' AS "stopReason",
              ${signedResultSql('h')} AS "signatureVerified",
              h.payload->>'deliveryChannel' AS "deliveryChannel"
       FROM applications a JOIN procedures p ON p.id = a.procedure_id
       LEFT JOIN LATERAL (
         SELECT h.id, h.at, h.action, h.payload FROM application_history h
         WHERE h.application_id = a.id OFFSET 0
       ) h ON true
       WHERE a.id = ANY($1::uuid[]) AND a.received_at IS NOT NULL
       ORDER BY a.id, h.id`,
      [applicationIds],
    );
    const sources = new Map<string, KpiApplicationSource>();
    for (const { at, action, stopReason, signatureVerified, deliveryChannel, ...app } of rows) {
      let source = sources.get(app.id);
      if (!source) {
        source = { ...app, history: [] };
        sources.set(app.id, source);
      }
      if (at !== null && action !== null) {
        source.history.push({
          at,
          action,
          stopReason,
          signatureVerified,
          deliveryChannel,
        } as KpiHistoryEntry);
      }
    }
    return [...sources.values()];
  }

  /**
   * The stored facts and segments of these applications, and which of them have segment rows
   * at all (a facts row is not required for that: save() must replace whatever is there). One
   * statement: each segment with its application's facts, or either alone, both read per
   * application by their primary keys (LATERAL) for the same reason as the history.
   */
  async findStored(
    scope: TransactionScope,
    applicationIds: readonly string[],
  ): Promise<{ stored: Map<string, StoredKpiFacts>; withSegments: ReadonlySet<string> }> {
    const stored = new Map<string, StoredKpiFacts>();
    const withSegments = new Set<string>();
    if (applicationIds.length === 0) {
      return { stored, withSegments };
    }
    const rows: Array<
      { applicationId: string; hasFacts: boolean; hasSegment: boolean } & Omit<
        StoredKpiFacts,
        'applicationId' | 'segments'
      > &
        Omit<SegmentRow, 'applicationId'>
    > = await scope.manager.query(
      `SELECT i.id AS "applicationId", f.application_id IS NOT NULL AS "hasFacts",
              f.department_id AS "departmentId", f.procedure_id AS "procedureId", f.channel,
              f.contributions, f.completed_at AS "completedAt",
              s.application_id IS NOT NULL AS "hasSegment", s.valid_from AS "validFrom",
              s.valid_to AS "validTo", s.category, s.end_at AS "endAt", s.verdict,
              s.late_from AS "lateFrom"
       FROM (SELECT DISTINCT id FROM unnest($1::uuid[]) AS u(id)) i
       LEFT JOIN LATERAL (
         SELECT * FROM kpi_application_facts f WHERE f.application_id = i.id OFFSET 0
       ) f ON true
       LEFT JOIN LATERAL (
         SELECT * FROM kpi_k1_segments s WHERE s.application_id = i.id OFFSET 0
       ) s ON true
       WHERE f.application_id IS NOT NULL OR s.application_id IS NOT NULL
       ORDER BY i.id, s.valid_from`,
      [applicationIds],
    );
    for (const row of rows) {
      const { applicationId } = row;
      if (row.hasFacts && !stored.has(applicationId)) {
        stored.set(applicationId, {
          applicationId,
          departmentId: row.departmentId,
          procedureId: row.procedureId,
          channel: row.channel,
          contributions: row.contributions,
          completedAt: row.completedAt,
          segments: [],
        });
      }
      if (row.hasSegment) {
        withSegments.add(applicationId);
        stored.get(applicationId)?.segments.push({
          validFrom: row.validFrom,
          validTo: row.validTo,
          category: row.category,
          endAt: row.endAt,
          verdict: row.verdict,
          lateFrom: row.lateFrom,
        });
      }
    }
    return { stored, withSegments };
  }

  /**
   * Replaces the applications' segments and facts with the ones given. `withSegments`: those
   * that have segment rows now (findStored, under the same lock); the others have nothing to
   * delete, and an intake's batch skips the DELETE and its open-count trigger altogether.
   */
  async save(
    scope: TransactionScope,
    facts: readonly NewKpiFacts[],
    now: Date,
    withSegments: ReadonlySet<string>,
  ): Promise<void> {
    if (facts.length === 0) {
      return;
    }
    const replaced = facts.map((f) => f.source.id).filter((id) => withSegments.has(id));
    if (replaced.length > 0) {
      await scope.manager.query(
        `DELETE FROM kpi_k1_segments WHERE application_id = ANY($1::uuid[])`,
        [replaced],
      );
    }
    const rows = facts.flatMap((f) => f.segments.map((s) => ({ f: f.source, s })));
    await scope.manager.query(
      `INSERT INTO kpi_k1_segments (application_id, valid_from, valid_to, category, end_at, verdict,
         late_from, received_at, department_id, procedure_code, channel)
       SELECT * FROM unnest($1::uuid[], $2::timestamptz[], $3::timestamptz[], $4::text[],
         $5::timestamptz[], $6::text[], $7::timestamptz[], $8::timestamptz[], $9::uuid[], $10::text[], $11::text[])`,
      [
        rows.map((r) => r.f.id),
        rows.map((r) => r.s.validFrom),
        rows.map((r) => r.s.validTo),
        rows.map((r) => r.s.category),
        rows.map((r) => r.s.endAt),
        rows.map((r) => r.s.verdict),
        rows.map((r) => r.s.lateFrom),
        rows.map((r) => r.f.receivedAt),
        rows.map((r) => r.f.departmentId),
        rows.map((r) => r.f.procedureCode),
        rows.map((r) => r.f.channel),
      ],
    );
    const sorted = [...facts].sort((a, b) => (a.source.id < b.source.id ? -1 : 1));
    await scope.manager.query(
      `INSERT INTO kpi_application_facts (application_id, department_id, procedure_id, channel, contributions,
         computed_at, received_at, procedure_code, completed_at, completed_working_days, completed_signed)
       SELECT id, d, p, c, f, $6, r, pc, ca, wd, sg
       FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::text[], $5::jsonb[], $7::timestamptz[],
                   $8::text[], $9::timestamptz[], $10::int[], $11::boolean[])
         WITH ORDINALITY AS t(id, d, p, c, f, r, pc, ca, wd, sg, n) ORDER BY n
       ON CONFLICT (application_id) DO UPDATE SET department_id = EXCLUDED.department_id,
         procedure_id = EXCLUDED.procedure_id, channel = EXCLUDED.channel,
         contributions = EXCLUDED.contributions, computed_at = EXCLUDED.computed_at,
         received_at = EXCLUDED.received_at, procedure_code = EXCLUDED.procedure_code,
         completed_at = EXCLUDED.completed_at, completed_working_days = EXCLUDED.completed_working_days,
         completed_signed = EXCLUDED.completed_signed`,
      [
        sorted.map((f) => f.source.id),
        sorted.map((f) => f.source.departmentId),
        sorted.map((f) => f.source.procedureId),
        sorted.map((f) => f.source.channel),
        sorted.map((f) => JSON.stringify(f.contributions)),
        now,
        sorted.map((f) => f.source.receivedAt),
        sorted.map((f) => f.source.procedureCode),
        sorted.map((f) => f.completion?.at ?? null),
        sorted.map((f) => f.completion?.workingDays ?? null),
        sorted.map((f) => f.completion?.signed ?? null),
      ],
    );
  }

  async recordChanges(
    scope: TransactionScope,
    changes: readonly K1Change[],
    now: Date,
  ): Promise<void> {
    if (changes.length === 0) {
      return;
    }
    await scope.manager.query(
      `INSERT INTO kpi_k1_changes (application_id, affected_from, recorded_at, cause)
       SELECT id, a, $3, c FROM unnest($1::uuid[], $2::timestamptz[], $4::text[]) AS t(id, a, c)`,
      [
        changes.map((c) => c.applicationId),
        changes.map((c) => c.affectedFrom),
        now,
        changes.map((c) => c.cause),
      ],
    );
  }
}
