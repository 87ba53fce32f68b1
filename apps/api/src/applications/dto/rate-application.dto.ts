import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, IsString, MaxLength } from 'class-validator';
import { RATING_COMMENT_MAX_LENGTH } from '@app/domain';
import { PublicLookupDto } from './public-lookup.dto';

/** The citizen's rating: the same code + phone check as the look-up, then the score. */
export class RateApplicationDto extends PublicLookupDto {
  // The range is configuration (RATING_SCALE_*), checked by the use case: here only the type.
  @ApiProperty({
    type: 'integer',
    example: 5,
    description: 'A whole number on the configured scale (default 1–5)',
  })
  @IsInt({ message: 'must be a whole number' })
  score: number;

  @ApiPropertyOptional({
    maxLength: RATING_COMMENT_MAX_LENGTH,
    example: 'Cán bộ hướng dẫn tận tình',
  })
  @IsOptional()
  @IsString()
  @MaxLength(RATING_COMMENT_MAX_LENGTH)
  comment?: string;
}
