import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { queryRows } from '../repositories/postgres';

export interface SatisfactionRatingRecord {
  applicationId: string;
  score: number;
  comment: string | null;
  ratedAt: Date;
  departmentId: string;
  procedureId: string;
  channel: string;
}

/** One row of the managers' list: the rating with what identifies its application. */
export interface RatingListRow {
  applicationId: string;
  applicationCode: string;
  procedureCode: string;
  procedureName: string;
  departmentId: string;
  departmentName: string;
  channel: string;
  score: number;
  comment: string | null;
  ratedAt: Date;
  /** rated_at to the microsecond (UTC ISO): the keyset position, which a Date would round. */
  ratedAtKey: string;
}

export interface RatingListFilter {
  /** Ratings given in [from, to). */
  from: Date;
  to: Date;
  departmentId: string | null;
  /** true: only scores ≤ negativeAtMost; false: only above; undefined: all. */
  negative?: boolean;
  negativeAtMost: number;
  /** The last row of the previous page (newest first). */
  after?: { ratedAtKey: string; applicationId: string };
  limit: number;
}

export interface RatingCounts {
  rated: number;
  negative: number;
  /** Applications a PAKN received in the range concerns. */
  withPetition: number;
  /** K8's base: applications rated in the range or concerned by a PAKN received in it. */
  dossiers: number;
  /** Of those, the ones rated negatively or concerned by a PAKN (766: "with a PAKN or a negative rating"). */
  flagged: number;
}

const SELECT_RATING = `
  SELECT r.application_id AS "applicationId", r.score::int AS score, r.comment,
         r.rated_at AS "ratedAt", r.department_id AS "departmentId",
         r.procedure_id AS "procedureId", r.channel
  FROM satisfaction_ratings r`;

@Injectable()
export class SatisfactionRatingRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async findByApplicationCode(code: string): Promise<SatisfactionRatingRecord | null> {
    const rows = await queryRows<SatisfactionRatingRecord>(
      this.dataSource,
      `${SELECT_RATING} JOIN applications a ON a.id = r.application_id WHERE a.code = $1`,
      [code],
    );
    return rows[0] ?? null;
  }

  /**
   * Stores the one rating of an application whose result was returned, copying its department,
   * procedure and channel. Null when it is already rated (or not in that status): one
   * statement, so two submissions at once cannot both win.
   */
  async insertOnce(rating: {
    applicationCode: string;
    score: number;
    comment: string | null;
    ratedAt: Date;
  }): Promise<SatisfactionRatingRecord | null> {
    const rows = await queryRows<SatisfactionRatingRecord>(
      this.dataSource,
      `INSERT INTO satisfaction_ratings
         (application_id, score, comment, rated_at, department_id, procedure_id, channel)
       SELECT a.id, $2, $3, $4, a.department_id, a.procedure_id, a.channel
       FROM applications a WHERE a.code = $1 AND a.status = 'result_returned'
       ON CONFLICT (application_id) DO NOTHING
       RETURNING application_id AS "applicationId", score::int AS score, comment,
                 rated_at AS "ratedAt", department_id AS "departmentId",
                 procedure_id AS "procedureId", channel`,
      [rating.applicationCode, rating.score, rating.comment, rating.ratedAt],
    );
    return rows[0] ?? null;
  }

  /** Ratings given in [from, to) and how many scored at most `negativeAtMost` (K8). */
  async countsBetween(
    from: Date,
    to: Date,
    departmentId: string | null,
    negativeAtMost: number,
  ): Promise<RatingCounts> {
    const rows = await queryRows<RatingCounts>(
      this.dataSource,
      // A rating is one per application (its key), so dossiers = ratings + petitioned
      // applications without a rating in the range. The ratings are summed from their daily
      // counts (start and end are local midnights, a MetricsRange); the few petitions are
      // looked up one by one.
      `WITH petitioned AS (
         SELECT DISTINCT p.application_id FROM petitions p JOIN applications a ON a.id = p.application_id
          WHERE p.received_at >= $1 AND p.received_at < $2 AND ($3::uuid IS NULL OR a.department_id = $3)),
       rated AS (
         SELECT coalesce(sum(ratings), 0)::int AS rated,
                coalesce(sum(ratings) FILTER (WHERE score <= $4), 0)::int AS negative
           FROM satisfaction_rating_daily
          WHERE day >= ($1::timestamptz AT TIME ZONE 'Asia/Ho_Chi_Minh')::date
            AND day < ($2::timestamptz AT TIME ZONE 'Asia/Ho_Chi_Minh')::date
            AND ($3::uuid IS NULL OR department_id = $3)),
       petitioned_rating AS (
         SELECT pt.application_id, r.score <= $4 AS negative
           FROM petitioned pt
           LEFT JOIN satisfaction_ratings r ON r.application_id = pt.application_id
            AND r.rated_at >= $1 AND r.rated_at < $2 AND ($3::uuid IS NULL OR r.department_id = $3))
       SELECT rated.rated, rated.negative,
              (SELECT count(*)::int FROM petitioned) AS "withPetition",
              rated.rated + (SELECT count(*)::int FROM petitioned_rating WHERE negative IS NULL) AS dossiers,
              rated.negative + (SELECT count(*)::int FROM petitioned_rating WHERE negative IS NOT TRUE) AS flagged
       FROM rated`,
      [from, to, departmentId, negativeAtMost],
    );
    return rows[0];
  }

  /**
   * Newest first, keyset-paginated on (rated_at, application_id); `limit + 1` rows are read so
   * the caller knows whether more follow. The page is found on satisfaction_ratings alone
   * (an index on rated_at read backwards; department_rated_at for one department), and only
   * its rows are joined to their application, procedure and department. Measured on 453k
   * ratings over 3 years (5 % negative): a page of a month's negative ratings 1–4 ms warm, of
   * one department 4 ms; a filter matching nothing over the 3 years 35 ms (province) to 90 ms
   * (a 37k-rating department). No index added: the negative threshold is configuration, so a
   * partial index on it could go stale.
   */
  async listPage(filter: RatingListFilter): Promise<RatingListRow[]> {
    const params: unknown[] = [];
    const param = (value: unknown) => {
      params.push(value);
      return `$${params.length}`;
    };
    const where = [`r.rated_at >= ${param(filter.from)}`, `r.rated_at < ${param(filter.to)}`];
    // Built per call rather than `$n IS NULL OR ...`, so the planner sees which filters apply.
    if (filter.departmentId) {
      where.push(`r.department_id = ${param(filter.departmentId)}::uuid`);
    }
    if (filter.negative !== undefined) {
      where.push(`r.score ${filter.negative ? '<=' : '>'} ${param(filter.negativeAtMost)}`);
    }
    if (filter.after) {
      const at = param(filter.after.ratedAtKey);
      const id = param(filter.after.applicationId);
      where.push(
        `r.rated_at <= ${at}::timestamptz AND (r.rated_at < ${at}::timestamptz OR r.application_id < ${id}::uuid)`,
      );
    }
    return queryRows<RatingListRow>(
      this.dataSource,
      `SELECT r.application_id AS "applicationId", a.code AS "applicationCode",
              a.procedure_code AS "procedureCode", p.name AS "procedureName",
              r.department_id AS "departmentId", d.name AS "departmentName", r.channel,
              r.score::int AS score, r.comment, r.rated_at AS "ratedAt",
              to_char(r.rated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS "ratedAtKey"
       FROM (SELECT * FROM satisfaction_ratings r WHERE ${where.join(' AND ')}
             ORDER BY r.rated_at DESC, r.application_id DESC LIMIT ${param(filter.limit + 1)}) r
       JOIN applications a ON a.id = r.application_id
       JOIN procedures p ON p.id = r.procedure_id
       JOIN departments d ON d.id = r.department_id
       ORDER BY r.rated_at DESC, r.application_id DESC`,
      params,
    );
  }
}
