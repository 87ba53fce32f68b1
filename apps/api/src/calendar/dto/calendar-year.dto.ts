import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';

export const CALENDAR_DAY_KINDS = [
  'holiday',
  'compensatory',
  'day_off',
  'working_saturday',
] as const;

export class YearParamDto {
  @ApiProperty({ type: 'integer', example: 2026, minimum: 1900, maximum: 2199 })
  @Type(() => Number)
  @IsInt()
  @Min(1900)
  @Max(2199)
  year: number;
}

/** A day that differs from the plain Monday–Friday week. */
export class CalendarDayDto {
  @ApiProperty({ example: '2026-02-16' }) date: string;
  @ApiProperty({ enum: CALENDAR_DAY_KINDS }) kind: (typeof CALENDAR_DAY_KINDS)[number];
  @ApiProperty({ example: 'Tết Nguyên đán' }) name: string;
  @ApiProperty({
    example: 'TB 9441/TB-BNV',
    description: "'rule:<article>' for days derived from the law, else the notice",
  })
  source: string;
  @ApiPropertyOptional({ description: 'For compensatory days: the holiday it makes up for' })
  compensatesFor?: string;
}

export class CalendarYearDto {
  @ApiProperty({ type: 'integer', example: 2026 }) year: number;
  @ApiProperty({ type: [CalendarDayDto] }) days: CalendarDayDto[];
}
