import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsISO8601,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { PERIOD_KINDS, PERIOD_TYPES, type PeriodKind, type PeriodType } from '@app/domain';
import type { MetricsGroupBy } from '@app/database';
import { queryInt } from '../../http/query-params';

const LOCAL_DATE = /^\d{4}-\d{2}-\d{2}$/;
export const GROUP_BY: MetricsGroupBy[] = [
  'department',
  'procedure',
  'channel',
  'month',
  'quarter',
];

/** from..to as local dates (Asia/Ho_Chi_Minh), both included; at most 3 years. */
export class DateRangeQuery {
  @ApiProperty({ example: '2026-10-01' })
  @Matches(LOCAL_DATE, { message: 'must be a date YYYY-MM-DD' })
  @IsISO8601({ strict: true }, { message: 'must be a real calendar date' })
  from!: string;

  @ApiProperty({ example: '2026-12-31' })
  @Matches(LOCAL_DATE, { message: 'must be a date YYYY-MM-DD' })
  @IsISO8601({ strict: true }, { message: 'must be a real calendar date' })
  to!: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'Limit to one department (heads: their own)',
  })
  @IsOptional()
  @IsUUID('all', { message: 'must be a department id (UUID)' })
  departmentId?: string;
}

export class OnTimeQuery extends DateRangeQuery {
  @ApiProperty({ enum: GROUP_BY })
  @IsIn(GROUP_BY, { message: `must be one of ${GROUP_BY.join(', ')}` })
  groupBy!: MetricsGroupBy;
}

export class AtRiskQuery {
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 500, default: 100 })
  @IsOptional()
  @Transform(queryInt)
  @IsInt({ message: 'must be a whole number' })
  @Min(1)
  @Max(500)
  limit?: number;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a department id (UUID)' })
  departmentId?: string;
}

export class PeriodReportQuery {
  @ApiProperty({ type: 'integer', example: 2026 })
  @Transform(queryInt)
  @IsInt({ message: 'must be a whole number' })
  @Min(2000)
  @Max(2100)
  year!: number;

  @ApiPropertyOptional({
    type: 'integer',
    description: 'month 1–12, quarter 1–4, half 1–2; 1 otherwise',
    default: 1,
  })
  @IsOptional()
  @Transform(queryInt)
  @IsInt({ message: 'must be a whole number' })
  @Min(1)
  @Max(12)
  n?: number;

  @ApiPropertyOptional({ enum: PERIOD_TYPES, default: 'calendar' })
  @IsOptional()
  @IsIn(PERIOD_TYPES, { message: `must be one of ${PERIOD_TYPES.join(', ')}` })
  periodType?: PeriodType;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a department id (UUID)' })
  departmentId?: string;
}

/** A page of a period's K1 population (who counts, and how). */
export class PopulationQuery extends DateRangeQuery {
  @ApiPropertyOptional({ description: 'nextCursor from the previous page' })
  @IsOptional()
  @IsUUID('all', { message: 'must be the nextCursor of the previous page' })
  cursor?: string;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 500, default: 100 })
  @IsOptional()
  @Transform(queryInt)
  @IsInt({ message: 'must be a whole number' })
  @Min(1)
  @Max(500)
  limit?: number;
}

/** Closing a period explicitly (a director, e.g. after re-opening it). */
export class ClosePeriodBody {
  @ApiProperty({ enum: PERIOD_KINDS })
  @IsIn(PERIOD_KINDS, { message: `must be one of ${PERIOD_KINDS.join(', ')}` })
  kind!: PeriodKind;

  @ApiProperty({ enum: PERIOD_TYPES })
  @IsIn(PERIOD_TYPES, { message: `must be one of ${PERIOD_TYPES.join(', ')}` })
  periodType!: PeriodType;

  @ApiProperty({ type: 'integer', example: 2026 })
  @IsInt({ message: 'must be a whole number' })
  @Min(2000)
  @Max(2100)
  year!: number;

  @ApiPropertyOptional({
    type: 'integer',
    description: 'month 1–12, quarter 1–4, half 1–2; 1 otherwise',
    default: 1,
  })
  @IsOptional()
  @IsInt({ message: 'must be a whole number' })
  @Min(1)
  @Max(12)
  n?: number;

  @ApiPropertyOptional({ maxLength: 2000 })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string;
}

/** Re-opening a closed period: the reason is kept in its history. */
export class ReopenPeriodBody {
  @ApiProperty({ maxLength: 2000 })
  @IsString()
  @IsNotEmpty({ message: 'must say why the period is re-opened' })
  @MaxLength(2000)
  reason!: string;
}

export class PeriodClosuresQuery {
  @ApiProperty({
    type: 'integer',
    example: 2026,
    description: 'periods whose last day is in this year',
  })
  @Transform(queryInt)
  @IsInt({ message: 'must be a whole number' })
  @Min(2000)
  @Max(2100)
  year!: number;
}
