import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@app/config';
import { DomainError } from '@app/domain';
import { RatingListRow, SatisfactionRatingRepository } from '@app/database';
import type { Page } from '../applications/application-query.service';
import type { MetricsRange } from '../metrics/metrics-scope';

/** What managers read of a rating: unlike the public view, the comment is the point. */
export interface RatingListItem {
  applicationId: string;
  applicationCode: string;
  procedureCode: string;
  procedureName: string;
  departmentId: string;
  departmentName: string;
  channel: string;
  score: number;
  /** At most `negativeAtMost` on the configured scale, as K8 counts it. */
  negative: boolean;
  comment: string | null;
  ratedAt: string;
}

export interface RatingListQuery {
  range: MetricsRange;
  /** null: the whole province (already checked against the viewer's role). */
  departmentId: string | null;
  negative?: boolean;
  cursor?: string;
  limit?: number;
}

export const DEFAULT_RATING_PAGE = 50;

const RATED_AT_KEY = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function encodeCursor(row: RatingListRow): string {
  return Buffer.from(JSON.stringify([row.ratedAtKey, row.applicationId])).toString('base64url');
}

function decodeCursor(cursor: string): { ratedAtKey: string; applicationId: string } {
  try {
    const [key, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[];
    if (
      typeof key === 'string' &&
      RATED_AT_KEY.test(key) &&
      typeof id === 'string' &&
      UUID.test(id)
    ) {
      return { ratedAtKey: key, applicationId: id };
    }
  } catch {
    // fall through
  }
  throw DomainError.validation('cursor', 'is not a cursor this API returned');
}

/** Managers read the citizens' ratings and comments, so a dissatisfied one reaches someone. */
@Injectable()
export class SatisfactionRatingListService {
  constructor(
    @Inject(SatisfactionRatingRepository) private readonly ratings: SatisfactionRatingRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async list(query: RatingListQuery): Promise<Page<RatingListItem>> {
    const limit = query.limit ?? DEFAULT_RATING_PAGE;
    const negativeAtMost = this.config.rules.ratingScale.negativeAtMost;
    const rows = await this.ratings.listPage({
      from: query.range.startAt,
      to: query.range.endAt,
      departmentId: query.departmentId,
      negative: query.negative,
      negativeAtMost,
      after: query.cursor ? decodeCursor(query.cursor) : undefined,
      limit,
    });
    const items = rows.slice(0, limit);
    const last = items[items.length - 1];
    return {
      items: items.map(({ ratedAtKey: _key, ...r }) => ({
        ...r,
        negative: r.score <= negativeAtMost,
        ratedAt: new Date(r.ratedAt).toISOString(),
      })),
      nextCursor: rows.length > limit && last ? encodeCursor(last) : null,
    };
  }
}
