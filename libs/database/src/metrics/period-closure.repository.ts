import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ReadReplica } from '../replica/read-replica';
import type { LocalDate, PeriodKind, PeriodType } from '@app/domain';
import { queryRows } from '../repositories/postgres';
import { PERIOD_COUNTER_NAMES, PeriodCountsRow, snake } from './period-counts';

export interface PeriodClosure {
  id: string;
  kind: PeriodKind;
  type: PeriodType;
  from: LocalDate;
  to: LocalDate;
  closedAt: Date;
  closedBy: string | null;
  closeNote: string | null;
  formulaVersion: string;
  settings: Record<string, unknown>;
  checkedChangesTo: number;
  reopenedAt: Date | null;
  reopenedBy: string | null;
  reopenReason: string | null;
}

export interface PeriodAdjustment {
  id: string;
  closureId: string;
  detectedAt: Date;
  cause: string;
  applicationCodes: string[];
  /** The corrected figures minus the frozen ones, per department × procedure code × channel. */
  figures: Array<Partial<PeriodCountsRow>>;
}

export interface K1ChangeSummary {
  lastId: number;
  applicationCodes: string[];
  causes: string[];
}

const CLOSURE_SELECT = `id, period_kind AS kind, period_type AS type, to_char(period_from, 'YYYY-MM-DD') AS "from",
  to_char(period_to, 'YYYY-MM-DD') AS "to", closed_at AS "closedAt", closed_by AS "closedBy", close_note AS "closeNote",
  formula_version AS "formulaVersion", settings, checked_changes_to::int AS "checkedChangesTo",
  reopened_at AS "reopenedAt", reopened_by AS "reopenedBy", reopen_reason AS "reopenReason"`;

/** Closed periods (chốt số liệu), their frozen figures and the adjustments found since. */
@Injectable()
export class PeriodClosureRepository {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(ReadReplica) private readonly reads: ReadReplica,
  ) {}

  /** The closure in force of a period, if it is closed. */
  async findInForce(
    kind: PeriodKind,
    type: PeriodType,
    from: LocalDate,
  ): Promise<PeriodClosure | null> {
    const rows: PeriodClosure[] = await this.reads.source().query(
      `SELECT ${CLOSURE_SELECT} FROM kpi_period_closures
       WHERE period_kind = $1 AND period_type = $2 AND period_from = $3 AND reopened_at IS NULL`,
      [kind, type, from],
    );
    return rows[0] ?? null;
  }

  async findById(id: string): Promise<PeriodClosure | null> {
    const rows: PeriodClosure[] = await this.reads
      .source()
      .query(`SELECT ${CLOSURE_SELECT} FROM kpi_period_closures WHERE id = $1`, [id]);
    return rows[0] ?? null;
  }

  /** Every closure (in force or re-opened) of periods ending in [from, to], newest first. */
  async list(from: LocalDate, to: LocalDate): Promise<PeriodClosure[]> {
    return this.reads.source().query(
      `SELECT ${CLOSURE_SELECT} FROM kpi_period_closures
       WHERE period_to BETWEEN $1 AND $2 ORDER BY period_to DESC, period_kind, period_type, closed_at DESC`,
      [from, to],
    );
  }

  async inForce(): Promise<PeriodClosure[]> {
    return this.reads
      .source()
      .query(
        `SELECT ${CLOSURE_SELECT} FROM kpi_period_closures WHERE reopened_at IS NULL ORDER BY period_to`,
      );
  }

  /**
   * Stores a closure and its figures in one transaction. Returns null when the period already
   * has a closure in force (another replica, or a director, closed it first).
   */
  async close(
    closure: Omit<PeriodClosure, 'id' | 'reopenedAt' | 'reopenedBy' | 'reopenReason'>,
    figures: readonly PeriodCountsRow[],
  ): Promise<PeriodClosure | null> {
    return this.dataSource.transaction(async (m) => {
      const rows: PeriodClosure[] = await m.query(
        `INSERT INTO kpi_period_closures (period_kind, period_type, period_from, period_to, closed_at, closed_by,
           close_note, formula_version, settings, checked_changes_to)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
         ON CONFLICT (period_kind, period_type, period_from) WHERE reopened_at IS NULL DO NOTHING
         RETURNING ${CLOSURE_SELECT}`,
        [
          closure.kind,
          closure.type,
          closure.from,
          closure.to,
          closure.closedAt,
          closure.closedBy,
          closure.closeNote,
          closure.formulaVersion,
          JSON.stringify(closure.settings),
          closure.checkedChangesTo,
        ],
      );
      const created = rows[0];
      if (!created || figures.length === 0) {
        return created ?? null;
      }
      const columns = PERIOD_COUNTER_NAMES.map(snake);
      await m.query(
        `INSERT INTO kpi_period_figures (closure_id, department_id, procedure_code, channel, ${columns.join(', ')})
         SELECT $1, * FROM unnest($2::uuid[], $3::text[], $4::text[], ${columns.map((_, i) => `$${i + 5}::int[]`).join(', ')})`,
        [
          created.id,
          figures.map((f) => f.departmentId),
          figures.map((f) => f.procedureCode),
          figures.map((f) => f.channel),
          ...PERIOD_COUNTER_NAMES.map((c) => figures.map((f) => f[c])),
        ],
      );
      return created;
    });
  }

  /** Re-opens a closure in force; false when it is not (any more) in force. */
  async reopen(id: string, at: Date, by: string, reason: string): Promise<boolean> {
    const rows = await queryRows<{ id: string }>(
      this.dataSource,
      `UPDATE kpi_period_closures SET reopened_at = $2, reopened_by = $3, reopen_reason = $4
       WHERE id = $1 AND reopened_at IS NULL RETURNING id`,
      [id, at, by, reason],
    );
    return rows.length > 0;
  }

  /**
   * Back-dated changes recorded after `afterId` that reach back before `before` (the period's
   * end): what can make a closed period's figures differ from what was frozen.
   */
  async changesSince(afterId: number, before: Date): Promise<K1ChangeSummary> {
    const rows: Array<{ lastId: number | null; codes: string[] | null; causes: string[] | null }> =
      await this.dataSource.query(
        `SELECT max(c.id)::int AS "lastId",
                array_agg(DISTINCT a.code ORDER BY a.code) FILTER (WHERE c.affected_from < $2) AS codes,
                array_agg(DISTINCT c.cause) FILTER (WHERE c.affected_from < $2) AS causes
         FROM kpi_k1_changes c JOIN applications a ON a.id = c.application_id
         WHERE c.id > $1`,
        [afterId, before],
      );
    return {
      lastId: rows[0]?.lastId ?? afterId,
      applicationCodes: rows[0]?.codes ?? [],
      causes: rows[0]?.causes ?? [],
    };
  }

  async markChecked(closureId: string, changesTo: number): Promise<void> {
    await this.dataSource.query(
      `UPDATE kpi_period_closures SET checked_changes_to = greatest(checked_changes_to, $2) WHERE id = $1`,
      [closureId, changesTo],
    );
  }

  async lastChangeId(): Promise<number> {
    const rows: Array<{ id: number | null }> = await this.dataSource.query(
      `SELECT max(id)::int AS id FROM kpi_k1_changes`,
    );
    return rows[0]?.id ?? 0;
  }

  async addAdjustment(adjustment: Omit<PeriodAdjustment, 'id'>): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO kpi_period_adjustments (closure_id, detected_at, cause, application_codes, figures)
       VALUES ($1, $2, $3, $4, $5)`,
      [
        adjustment.closureId,
        adjustment.detectedAt,
        adjustment.cause,
        adjustment.applicationCodes,
        JSON.stringify(adjustment.figures),
      ],
    );
  }

  async adjustments(closureIds: readonly string[]): Promise<PeriodAdjustment[]> {
    if (closureIds.length === 0) {
      return [];
    }
    return this.reads.source().query(
      `SELECT id, closure_id AS "closureId", detected_at AS "detectedAt", cause,
              application_codes AS "applicationCodes", figures
       FROM kpi_period_adjustments WHERE closure_id = ANY($1::uuid[]) ORDER BY detected_at`,
      [closureIds],
    );
  }

  /** Events that happened before `before` and are not yet relayed: a period ending then must wait. */
  async hasUnrelayedEventsBefore(before: Date): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(
      `SELECT 1 FROM outbox_events WHERE published_at IS NULL AND occurred_at < $1 LIMIT 1`,
      [before],
    );
    return rows.length > 0;
  }
}
