import { Inject, Injectable, Optional } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@app/config';
import type { QueryResultRow } from 'pg';
import { DataSource, EntityManager } from 'typeorm';
import { ReadReplica } from '../replica/read-replica';
import {
  addLocalDays,
  atLocalMillis,
  K1_CATEGORY_COUNTERS,
  type LocalDate,
  toLocalDate,
} from '@app/domain';
import { pgStatement } from '../repositories/postgres';
import { rollupRangeParams, rollupRowsSql, splitRollupRange } from './rollup-range';
import { k1CategoryCountsSql, PeriodCountsRow, PERIOD_COUNTER_NAMES, snake } from './period-counts';

/**
 * The K1 population of [S, T) as of T, one row per member (libs/domain k1InPeriod, as SQL):
 * segments holding at T (valid_from < T ≤ valid_to) that ended at or after S, found by their
 * end time; and segments open at T, found by their validity range (GiST). $1 = S, $2 = T,
 * $3 = department or NULL.
 */
const MEMBERS_AS_OF = `
  SELECT s.application_id, s.department_id, s.procedure_code, s.channel, s.received_at < $1 AS carried,
         s.category, s.verdict
  FROM kpi_k1_segments s
  WHERE s.category <> 'open' AND s.end_at >= $1 AND s.end_at < $2
    AND s.valid_from < $2 AND (s.valid_to IS NULL OR s.valid_to >= $2)
    AND ($3::uuid IS NULL OR s.department_id = $3::uuid)
  UNION ALL
  SELECT s.application_id, s.department_id, s.procedure_code, s.channel, s.received_at < $1,
         'open', CASE WHEN s.late_from IS NOT NULL AND $2 >= s.late_from THEN 'late' ELSE 'on_time' END
  FROM kpi_k1_segments s
  WHERE s.category = 'open' AND tstzrange(s.valid_from, s.valid_to, '(]') @> $2::timestamptz
    AND ($3::uuid IS NULL OR s.department_id = $3::uuid)`;

const DIMS = `department_id AS "departmentId", procedure_code AS "procedureCode", channel`;

export interface PopulationMember {
  id: string;
  code: string;
  departmentId: string;
  procedureCode: string;
  channel: string;
  category: string;
  verdict: string;
  carriedOver: boolean;
}

/**
 * Counts of a period at the grain department × procedure code × channel, three ways:
 * exactly as of any instant (from the segments; what closing a period stores), live as of now
 * (roll-ups by day + the open segments: cheap, for periods still running), and frozen (what was
 * stored when the period was closed). Snapshot queries run without parallel workers: for a few
 * hundred index rows, starting two workers on two cores cost more than the query itself.
 */
@Injectable()
export class PeriodCountsRepository {
  /** Named (server-side prepared) statements; off behind PgBouncer < 1.21 (docs/scaling.md). */
  private readonly namedStatements: boolean;

  constructor(
    @Inject(ReadReplica) private readonly reads: ReadReplica,
    @Optional() @Inject(APP_CONFIG) config?: AppConfig,
  ) {
    this.namedStatements = config?.database.namedStatements ?? true;
  }

  /** Read-only: the replica inside a request allowed to read it, the primary otherwise. */
  private get dataSource(): DataSource {
    return this.reads.source();
  }

  /** The figures of [start, asOf) as known at asOf: the formula itself, indexed. */
  async exact(start: Date, asOf: Date, departmentId: string | null): Promise<PeriodCountsRow[]> {
    return this.serial(async (m) => {
      const k1: PeriodCountsRow[] = await m.query(
        `SELECT ${DIMS},
                count(*) FILTER (WHERE carried)::int AS "carriedOver",
                count(*) FILTER (WHERE NOT carried)::int AS received,
                ${k1CategoryCountsSql()}
         FROM (${MEMBERS_AS_OF}) members GROUP BY 1, 2, 3`,
        [start, asOf, departmentId],
      );
      const completed: PeriodCountsRow[] = await m.query(
        `SELECT ${DIMS}, count(*)::int AS completed,
                coalesce(sum(completed_working_days), 0)::int AS "completedWorkingDays",
                count(*) FILTER (WHERE completed_signed)::int AS "completedSigned"
         FROM kpi_application_facts
         WHERE received_at >= $1 AND received_at < $2 AND completed_at < $2
           AND ($3::uuid IS NULL OR department_id = $3::uuid)
         GROUP BY 1, 2, 3`,
        [start, asOf, departmentId],
      );
      return mergeRows(k1, completed, await this.eventCounts(m, start, asOf, departmentId));
    });
  }

  /**
   * Results returned, apologies and supplement requests of [start, end): counted where they
   * happened. Periods start and end at local midnights, so their days' roll-ups hold them (a
   * quarter at 10 M applications read 1 M rows of applications for the returned results: 8 s);
   * other bounds count the events themselves.
   */
  private async eventCounts(
    m: EntityManager,
    start: Date,
    end: Date,
    departmentId: string | null,
  ): Promise<PeriodCountsRow[]> {
    const from = toLocalDate(start);
    const afterTo = toLocalDate(end);
    if (
      atLocalMillis(from, 0).getTime() === start.getTime() &&
      atLocalMillis(afterTo, 0).getTime() === end.getTime()
    ) {
      if (from >= afterTo) {
        return [];
      }
      // Apology letters are counted from their own table (a quarter's are tens of thousands,
      // found by issue time): a letter is the record, whatever its history line.
      const fromRollups = await m.query<PeriodCountsRow[]>(
        `SELECT r.department_id AS "departmentId", p.code AS "procedureCode", r.channel,
                  sum(r.returned)::int AS returned, sum(r.returned_by_post)::int AS "returnedByPost",
                  sum(r.supplement_requests)::int AS "supplementRequests"
           FROM ${rollupRowsSql(EVENT_COLUMNS, 2)} r JOIN procedures p ON p.id = r.procedure_id
           WHERE ($1::uuid IS NULL OR r.department_id = $1::uuid)
           GROUP BY 1, 2, 3`,
        [departmentId, ...rollupRangeParams(splitRollupRange(from, addLocalDays(afterTo, -1)))],
      );
      const apologies = await m.query<PeriodCountsRow[]>(
        `SELECT a.department_id AS "departmentId", a.procedure_code AS "procedureCode", a.channel,
                  count(*)::int AS apologies
           FROM apologies ap JOIN applications a ON a.id = ap.application_id
           WHERE ap.issued_at >= $1 AND ap.issued_at < $2 AND ($3::uuid IS NULL OR a.department_id = $3::uuid)
           GROUP BY 1, 2, 3`,
        [start, end, departmentId],
      );
      return mergeRows(fromRollups, apologies);
    }
    return m.query(
      `WITH returned AS (
           SELECT department_id, procedure_code, channel, count(*)::int AS returned,
                  count(*) FILTER (WHERE result_delivery_channel = 'postal')::int AS returned_by_post
           FROM applications WHERE returned_at >= $1 AND returned_at < $2
             AND ($3::uuid IS NULL OR department_id = $3::uuid)
           GROUP BY 1, 2, 3),
         apologies AS (
           SELECT a.department_id, a.procedure_code, a.channel, count(*)::int AS apologies
           FROM apologies ap JOIN applications a ON a.id = ap.application_id
           WHERE ap.issued_at >= $1 AND ap.issued_at < $2 AND ($3::uuid IS NULL OR a.department_id = $3::uuid)
           GROUP BY 1, 2, 3),
         supplements AS (
           SELECT a.department_id, a.procedure_code, a.channel, count(*)::int AS supplement_requests
           FROM application_supplements s JOIN applications a ON a.id = s.application_id
           WHERE s.requested_at >= $1 AND s.requested_at < $2 AND ($3::uuid IS NULL OR a.department_id = $3::uuid)
           GROUP BY 1, 2, 3)
       SELECT department_id AS "departmentId", procedure_code AS "procedureCode", channel,
              coalesce(max(returned), 0)::int AS returned,
              coalesce(max(returned_by_post), 0)::int AS "returnedByPost",
              coalesce(max(apologies), 0)::int AS apologies,
              coalesce(max(supplement_requests), 0)::int AS "supplementRequests"
       FROM (
         SELECT department_id, procedure_code, channel, returned, returned_by_post, NULL::int AS apologies, NULL::int AS supplement_requests FROM returned
         UNION ALL SELECT department_id, procedure_code, channel, NULL, NULL, apologies, NULL FROM apologies
         UNION ALL SELECT department_id, procedure_code, channel, NULL, NULL, NULL, supplement_requests FROM supplements
       ) u GROUP BY 1, 2, 3`,
      [start, end, departmentId],
    );
  }

  /**
   * The figures of [from 00:00, now) for a period still running: ended clocks from the roll-ups
   * by end day (their current standing is their standing now), the open ones from the segments
   * holding now, the rest from the roll-ups by their day. Carried over = members − received.
   */
  async live(from: LocalDate, today: LocalDate, now: Date, departmentId: string | null) {
    return this.serial(async (m) => {
      const rollup = await this.prepared<PeriodCountsRow>(
        m,
        'motcua_live_rollups',
        `SELECT r.department_id AS "departmentId", p.code AS "procedureCode", r.channel,
                sum(r.received)::int AS received,
                sum(r.result_early)::int AS "resolvedEarly", sum(r.result_on_time)::int AS "resolvedOnDay",
                sum(r.result_late)::int AS "resolvedLate",
                sum(r.stopped_on_time)::int AS "stoppedOnTime", sum(r.stopped_late)::int AS "stoppedLate",
                sum(r.withdrawn_on_time)::int AS "withdrawnOnTime", sum(r.withdrawn_late)::int AS "withdrawnLate",
                sum(r.awaiting_supplement_on_time)::int AS "awaitingSupplementOnTime",
                sum(r.awaiting_supplement_late)::int AS "awaitingSupplementLate",
                sum(r.completed)::int AS completed, sum(r.completed_working_days)::int AS "completedWorkingDays",
                sum(r.completed_signed)::int AS "completedSigned", sum(r.returned)::int AS returned,
                sum(r.returned_by_post)::int AS "returnedByPost", sum(r.apologies)::int AS apologies,
                sum(r.supplement_requests)::int AS "supplementRequests"
         FROM ${rollupRowsSql(LIVE_COLUMNS, 2)} r JOIN procedures p ON p.id = r.procedure_id
         WHERE ($1::uuid IS NULL OR r.department_id = $1::uuid)
         GROUP BY 1, 2, 3`,
        [departmentId, ...rollupRangeParams(splitRollupRange(from, today))],
      );
      // Open clocks from their counts per late day (kpi_k1_open_counts: ~3.7 k rows where the
      // segments were ~49 k at 10 M applications) and the deltas not yet folded into them, less
      // any segment not yet holding at `now` (migration 17647000000000).
      const open = await this.prepared<PeriodCountsRow>(
        m,
        'motcua_live_open_counts',
        `SELECT ${DIMS},
                sum(n) FILTER (WHERE $1 < late_from)::int AS "openOnTime",
                sum(n) FILTER (WHERE $1 >= late_from)::int AS "openLate"
         FROM (SELECT department_id, procedure_code, channel, late_from, n
               FROM kpi_k1_open_counts WHERE ($2::uuid IS NULL OR department_id = $2::uuid)
               UNION ALL
               SELECT department_id, procedure_code, channel, late_from, n
               FROM kpi_k1_open_count_deltas WHERE ($2::uuid IS NULL OR department_id = $2::uuid)
               UNION ALL
               SELECT department_id, procedure_code, channel, coalesce(late_from, 'infinity'), -1
               FROM kpi_k1_segments
               WHERE category = 'open' AND valid_to IS NULL AND valid_from >= $1
                 AND ($2::uuid IS NULL OR department_id = $2::uuid)) o
         GROUP BY 1, 2, 3
         HAVING sum(n) <> 0`,
        [now, departmentId],
      );
      return mergeRows(rollup, open).map((row) => {
        const members = K1_CATEGORY_COUNTERS.reduce((sum, c) => sum + row[c], 0);
        return { ...row, carriedOver: members - row.received };
      });
    });
  }

  /** What was stored when the period was closed. */
  async frozen(closureId: string, departmentId: string | null): Promise<PeriodCountsRow[]> {
    return this.dataSource.query(
      `SELECT ${DIMS}, ${PERIOD_COUNTER_NAMES.map((c) => `${snake(c)} AS "${c}"`).join(', ')}
       FROM kpi_period_figures WHERE closure_id = $1 AND ($2::uuid IS NULL OR department_id = $2::uuid)`,
      [closureId, departmentId],
    );
  }

  /** One page of the population of [start, asOf) as of asOf, in application id order. */
  async population(
    start: Date,
    asOf: Date,
    departmentId: string | null,
    afterId: string | null,
    limit: number,
  ): Promise<PopulationMember[]> {
    return this.serial((m) =>
      m.query(
        `SELECT p.application_id AS id, a.code, ${DIMS.replace(/(department_id|procedure_code|channel)/g, 'p.$1')},
                p.category, CASE WHEN p.category IN ('resolved', 'open') OR p.verdict = 'late' THEN p.verdict ELSE 'on_time' END AS verdict,
                p.carried AS "carriedOver"
         FROM (${MEMBERS_AS_OF}) p JOIN applications a ON a.id = p.application_id
         WHERE ($4::uuid IS NULL OR p.application_id > $4::uuid)
         ORDER BY p.application_id LIMIT $5`,
        [start, asOf, departmentId, afterId, limit],
      ),
    );
  }

  async departmentNames(ids: readonly string[]): Promise<Map<string, string>> {
    const rows: Array<{ id: string; name: string }> = ids.length
      ? await this.dataSource.query(`SELECT id, name FROM departments WHERE id = ANY($1::uuid[])`, [
          ids,
        ])
      : [];
    return new Map(rows.map((r) => [r.id, r.name]));
  }

  /** The name of each procedure code: its current version's, else its latest's. */
  async procedureNames(codes: readonly string[]): Promise<Map<string, string>> {
    const rows: Array<{ code: string; name: string }> = codes.length
      ? await this.dataSource.query(
          `SELECT DISTINCT ON (code) code, name FROM procedures WHERE code = ANY($1::text[])
           ORDER BY code, is_current DESC, version DESC`,
          [codes],
        )
      : [];
    return new Map(rows.map((r) => [r.code, r.name]));
  }

  /** Runs read queries on one connection with parallel workers and JIT off (see the class comment). */
  private serial<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction('READ COMMITTED', async (m) => {
      // Nor JIT: the planner's row estimates for the partial indexes run to millions, enough to
      // compile a 17 ms index-only scan for 40–60 ms (seen at 10 M applications). One round
      // trip for both settings.
      await m.query(
        `SELECT set_config('max_parallel_workers_per_gather', '0', true), set_config('jit', 'off', true)`,
      );
      return work(m);
    });
  }

  /**
   * The live figures' two statements, named: planning them took 5–6 ms of a 22 ms request at
   * 10 M applications, and their plans do not depend on the values (prepared once per pooled
   * connection, then a generic plan).
   */
  private prepared<T extends QueryResultRow>(
    m: EntityManager,
    name: string,
    text: string,
    values: unknown[],
  ): Promise<T[]> {
    return pgStatement<T>(this.dataSource, m, { name, text, values }, this.namedStatements);
  }
}

const EVENT_COLUMNS =
  'department_id, procedure_id, channel, returned, returned_by_post, supplement_requests';

const LIVE_COLUMNS = [
  'department_id',
  'procedure_id',
  'channel',
  'received',
  'result_early',
  'result_on_time',
  'result_late',
  'stopped_on_time',
  'stopped_late',
  'withdrawn_on_time',
  'withdrawn_late',
  'awaiting_supplement_on_time',
  'awaiting_supplement_late',
  'completed',
  'completed_working_days',
  'completed_signed',
  'returned',
  'returned_by_post',
  'apologies',
  'supplement_requests',
].join(', ');

/** Rows of the same dims added together; counters absent from a row count as 0. */
export function mergeRows(...lists: Array<readonly Partial<PeriodCountsRow>[]>): PeriodCountsRow[] {
  const out = new Map<string, PeriodCountsRow>();
  for (const list of lists) {
    for (const row of list) {
      const key = `${row.departmentId}|${row.procedureCode}|${row.channel}`;
      let target = out.get(key);
      if (!target) {
        target = {
          departmentId: row.departmentId!,
          procedureCode: row.procedureCode!,
          channel: row.channel!,
          ...(Object.fromEntries(PERIOD_COUNTER_NAMES.map((c) => [c, 0])) as Omit<
            PeriodCountsRow,
            'departmentId' | 'procedureCode' | 'channel'
          >),
        };
        out.set(key, target);
      }
      for (const c of PERIOD_COUNTER_NAMES) {
        target[c] += Number(row[c] ?? 0);
      }
    }
  }
  return [...out.values()];
}
