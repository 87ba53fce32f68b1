import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { OPEN_STATUSES } from '@app/domain';
import { queryRows, sqlStatusList } from './postgres';

/** A date a government notice sets (structurally the domain's CalendarOverride). */
export interface CalendarOverrideRecord {
  /** 'YYYY-MM-DD', a local date in Asia/Ho_Chi_Minh. */
  date: string;
  kind: 'day_off' | 'working_day';
  reason: string;
  source: string;
  updatedBy: string | null;
  updatedAt: Date;
}

export type NewCalendarOverride = Pick<
  CalendarOverrideRecord,
  'date' | 'kind' | 'reason' | 'source'
>;

/** Changes whenever a row is added, changed or removed: a cheap "is my cache stale?" probe. */
export interface CalendarOverridesFingerprint {
  count: number;
  lastUpdatedAt: string | null;
}

// to_char keeps the date a plain string: no Date object, no machine time zone in between.
const OVERRIDE_SELECT = `to_char(date, 'YYYY-MM-DD') AS date, kind, reason, source,
  updated_by AS "updatedBy", updated_at AS "updatedAt"`;

/** An open application with what its appointment was computed from. */
export interface OpenDeadlineRow {
  id: string;
  code: string;
  procedureName: string;
  receivedAt: Date;
  dueAt: Date;
  limitValue: number;
  limitUnit: string;
}

@Injectable()
export class CalendarOverrideRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Open applications whose appointment a change of `year`'s notices could move: received before
   * the year ends and due after it starts. Bounded: the preview shows the first `limit`.
   */
  openApplicationsTouchingYear(year: number, limit: number): Promise<OpenDeadlineRow[]> {
    return queryRows(
      this.dataSource,
      `SELECT a.id, a.code, p.name AS "procedureName", a.received_at AS "receivedAt", a.due_at AS "dueAt",
              p.time_limit_value AS "limitValue", p.time_limit_unit AS "limitUnit"
       FROM applications a JOIN procedures p ON p.id = a.procedure_id
       WHERE a.status IN ${sqlStatusList(OPEN_STATUSES)} AND a.due_at IS NOT NULL
         AND a.received_at IS NOT NULL
         AND a.received_at < make_date($1, 12, 31) + 1 AND a.due_at >= make_date($1, 1, 1) - 1
       ORDER BY a.due_at, a.id LIMIT $2`,
      [year, limit],
    );
  }

  async listAll(): Promise<CalendarOverrideRecord[]> {
    return queryRows(
      this.dataSource,
      `SELECT ${OVERRIDE_SELECT} FROM calendar_overrides ORDER BY date`,
    );
  }

  async listYear(year: number): Promise<CalendarOverrideRecord[]> {
    return this.selectYear(this.dataSource.manager, year);
  }

  async fingerprint(): Promise<CalendarOverridesFingerprint> {
    const [row] = await queryRows<{ count: number; lastUpdatedAt: string | null }>(
      this.dataSource,
      `SELECT count(*)::int AS count, max(updated_at)::text AS "lastUpdatedAt"
       FROM calendar_overrides`,
    );
    return row;
  }

  /**
   * Replaces every override dated in `year` with `overrides`, in one transaction. Replacements
   * of the same year are serialised (advisory lock) so two admins cannot interleave.
   */
  async replaceYear(
    year: number,
    overrides: NewCalendarOverride[],
    updatedBy: string,
  ): Promise<CalendarOverrideRecord[]> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query(`SELECT pg_advisory_xact_lock(hashtext('calendar_overrides'), $1)`, [
        year,
      ]);
      await manager.query(
        `DELETE FROM calendar_overrides WHERE date >= make_date($1, 1, 1) AND date < make_date($1 + 1, 1, 1)`,
        [year],
      );
      if (overrides.length > 0) {
        await manager.query(
          `INSERT INTO calendar_overrides (date, kind, reason, source, updated_by, updated_at)
           SELECT d, k, r, s, $5, clock_timestamp()
           FROM unnest($1::date[], $2::text[], $3::text[], $4::text[]) AS o(d, k, r, s)`,
          [
            overrides.map((o) => o.date),
            overrides.map((o) => o.kind),
            overrides.map((o) => o.reason),
            overrides.map((o) => o.source),
            updatedBy,
          ],
        );
      }
      return this.selectYear(manager, year);
    });
  }

  private selectYear(db: EntityManager, year: number): Promise<CalendarOverrideRecord[]> {
    return queryRows(
      db,
      `SELECT ${OVERRIDE_SELECT} FROM calendar_overrides
       WHERE date >= make_date($1, 1, 1) AND date < make_date($1 + 1, 1, 1) ORDER BY date`,
      [year],
    );
  }
}
