import { Controller, Get, Inject, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiForbiddenResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { metricsDepartmentFor, metricsRange, SatisfactionRatingListService } from '@app/core';
import { Role } from '@app/domain';
import { AuthUser } from '../auth/auth-user';
import { CurrentUser, Roles } from '../auth/auth.decorators';
import { ErrorResponseDto } from '../http/error-response';
import { ListRatingsQuery } from './dto/list-ratings.query';
import { RatingPageDto } from './dto/rating.dto';

/** Citizens' satisfaction ratings with their comments, for those who answer for K8. */
@ApiTags('ratings')
@ApiBearerAuth()
@ApiBadRequestResponse({ type: ErrorResponseDto, description: 'The bad field is named' })
@ApiForbiddenResponse({ type: ErrorResponseDto, description: 'Heads: another department' })
// The same readers as the metrics, scoped the same way.
@Roles(Role.Head, Role.Director, Role.Admin, Role.Supervisor)
@Controller('ratings')
export class RatingsController {
  constructor(
    @Inject(SatisfactionRatingListService) private readonly ratings: SatisfactionRatingListService,
  ) {}

  @Get()
  @ApiOperation({
    summary: 'Ratings given from..to (local days), newest first, keyset-paginated',
  })
  @ApiOkResponse({ type: RatingPageDto })
  list(@CurrentUser() user: AuthUser, @Query() q: ListRatingsQuery): Promise<RatingPageDto> {
    return this.ratings.list({
      range: metricsRange(q.from, q.to),
      departmentId: metricsDepartmentFor(user, q.departmentId),
      negative: q.negative,
      cursor: q.cursor,
      limit: q.limit,
    });
  }
}
