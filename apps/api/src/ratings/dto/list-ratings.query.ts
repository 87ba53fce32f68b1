import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { DateRangeQuery } from '../../metrics/dto/metrics.query';

const toBool = ({ value }: { value: unknown }) =>
  value === 'true' ? true : value === 'false' ? false : value;
const toInt = ({ value }: { value: unknown }) =>
  typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;

/** The metrics' from..to (local days, both included) and department, plus the page. */
export class ListRatingsQuery extends DateRangeQuery {
  @ApiPropertyOptional({
    description: 'true: only negative ratings (score ≤ RATING_NEGATIVE_AT_MOST); false: the others',
  })
  @IsOptional()
  @Transform(toBool)
  @IsBoolean({ message: 'must be true or false' })
  negative?: boolean;

  @ApiPropertyOptional({ description: 'nextCursor from the previous page' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  cursor?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50 })
  @IsOptional()
  @Transform(toInt)
  @IsInt({ message: 'must be a whole number' })
  @Min(1)
  @Max(200)
  limit?: number;
}
