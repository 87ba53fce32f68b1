import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional } from 'class-validator';
import { Paged, queryBool } from '../../http/query-params';
import { DateRangeQuery } from '../../metrics/dto/metrics.query';

/** The metrics' from..to (local days, both included) and department, plus the page. */
export class ListRatingsQuery extends Paged(DateRangeQuery) {
  @ApiPropertyOptional({
    description: 'true: only negative ratings (score ≤ RATING_NEGATIVE_AT_MOST); false: the others',
  })
  @IsOptional()
  @Transform(queryBool)
  @IsBoolean({ message: 'must be true or false' })
  negative?: boolean;
}
