import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@app/config';
import {
  ApplicationStatus,
  assertScoreOnScale,
  DomainError,
  DomainErrorCode,
  RatingScale,
} from '@app/domain';
import {
  OutboxSignal,
  RatingCounts,
  SatisfactionRatingRecord,
  SatisfactionRatingRepository,
} from '@app/database';
import { Clock } from '../clock/clock';
import { PublicLookupLockout } from '../security/public-lookup-lockout.service';
import {
  ApplicationQueryService,
  PublicStatusView,
} from '../applications/application-query.service';

/** What the citizen sees of a rating: never the comment, which may hold personal details. */
export interface PublicRatingView {
  score: number;
  ratedAt: string;
}

export interface PublicStatusWithRatingView extends PublicStatusView {
  /** The result was returned and no rating was given yet. */
  canRate: boolean;
  rating: PublicRatingView | null;
  /** The configured scale, so the page offers exactly the scores the API accepts. */
  ratingScale: { min: number; max: number };
}

export interface RatingInput {
  score: number;
  comment?: string;
}

const toPublic = (r: SatisfactionRatingRecord): PublicRatingView => ({
  score: r.score,
  ratedAt: new Date(r.ratedAt).toISOString(),
});

/** The citizen's satisfaction rating (K8), given on the public status page. */
@Injectable()
export class SatisfactionRatingService {
  constructor(
    @Inject(ApplicationQueryService) private readonly queries: ApplicationQueryService,
    @Inject(SatisfactionRatingRepository) private readonly ratings: SatisfactionRatingRepository,
    @Inject(Clock) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(OutboxSignal) private readonly signal: OutboxSignal,
    @Inject(PublicLookupLockout) private readonly lockout: PublicLookupLockout,
  ) {}

  /** Code + phone, counted against the code's lockout (look-up and rating share it). */
  private checked(code: string, phoneLast4: string): Promise<PublicStatusView> {
    return this.lockout.attempt(code, () => this.queries.publicStatus(code, phoneLast4));
  }

  get scale(): RatingScale {
    return this.config.rules.ratingScale;
  }

  /** The public look-up plus whether a rating can be or was given. */
  async publicStatus(code: string, phoneLast4: string): Promise<PublicStatusWithRatingView> {
    // The look-up's own code + phone check and its 404, so the two endpoints never differ.
    const view = await this.checked(code, phoneLast4);
    const rating = await this.ratings.findByApplicationCode(view.code);
    return this.withRating(view, rating);
  }

  /**
   * Rates once, after the result was returned. Checks in this order: the score (400, tells
   * nothing about the code), code + phone (404), status (409 with the status), already rated
   * (409 with that rating).
   */
  async rate(code: string, phoneLast4: string, input: RatingInput): Promise<PublicRatingView> {
    assertScoreOnScale(input.score, this.scale);
    const view = await this.checked(code, phoneLast4);
    if (view.status !== String(ApplicationStatus.ResultReturned)) {
      throw new DomainError(
        DomainErrorCode.IllegalTransition,
        'Chỉ có thể đánh giá sau khi hồ sơ đã được trả kết quả',
        [
          {
            field: 'status',
            reason: `is ${view.status}; rating is allowed only once the result was returned`,
          },
        ],
        this.withRating(view, null),
      );
    }
    const comment = input.comment?.trim() ? input.comment.trim() : null;
    const created = await this.ratings.insertOnce({
      applicationCode: view.code,
      score: input.score,
      comment,
      ratedAt: this.clock.now(),
    });
    if (created) {
      // The dashboards listen on the outbox channel for "figures changed": K8 just did.
      this.signal.poke();
      return toPublic(created);
    }
    const existing = await this.ratings.findByApplicationCode(view.code);
    throw new DomainError(
      DomainErrorCode.Duplicate,
      'Hồ sơ này đã được đánh giá; mỗi hồ sơ chỉ được đánh giá một lần',
      [],
      existing ? toPublic(existing) : undefined,
    );
  }

  /** Ratings given in [from, to) and the negative ones, by the configured scale (K8). */
  counts(from: Date, to: Date, departmentId: string | null): Promise<RatingCounts> {
    return this.ratings.countsBetween(from, to, departmentId, this.scale.negativeAtMost);
  }

  private withRating(
    view: PublicStatusView,
    rating: SatisfactionRatingRecord | null,
  ): PublicStatusWithRatingView {
    return {
      ...view,
      canRate: view.status === String(ApplicationStatus.ResultReturned) && rating === null,
      rating: rating ? toPublic(rating) : null,
      ratingScale: { min: this.scale.min, max: this.scale.max },
    };
  }
}
