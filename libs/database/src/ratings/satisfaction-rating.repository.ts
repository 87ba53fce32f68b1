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

export interface RatingCounts {
  rated: number;
  negative: number;
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
      `SELECT count(*)::int AS rated, count(*) FILTER (WHERE score <= $4)::int AS negative
       FROM satisfaction_ratings
       WHERE rated_at >= $1 AND rated_at < $2 AND ($3::uuid IS NULL OR department_id = $3)`,
      [from, to, departmentId, negativeAtMost],
    );
    return rows[0] ?? { rated: 0, negative: 0 };
  }
}
