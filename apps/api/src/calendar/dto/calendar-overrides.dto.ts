import { ApiProperty } from '@nestjs/swagger';
import type { OverridePreviewRow } from '../calendar.service';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsISO8601,
  IsNotEmpty,
  IsString,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';

export const OVERRIDE_KINDS = ['day_off', 'working_day'] as const;

/** A date a government notice sets: an extra day off, or a (Saturday) working day. */
export class CalendarOverrideInputDto {
  @ApiProperty({ example: '2026-01-10', description: 'YYYY-MM-DD, inside the year in the path' })
  @IsString()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'must be a date written YYYY-MM-DD' })
  @IsISO8601({ strict: true }, { message: 'must be a real calendar date' })
  date: string;

  @ApiProperty({ enum: OVERRIDE_KINDS })
  @IsIn(OVERRIDE_KINDS)
  kind: (typeof OVERRIDE_KINDS)[number];

  @ApiProperty({ example: 'Làm bù cho ngày nghỉ 02/01/2026' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  reason: string;

  @ApiProperty({ example: 'CV 12729/VPCP-KGVX' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  source: string;
}

export class ReplaceOverridesDto {
  @ApiProperty({ type: [CalendarOverrideInputDto], description: "The year's complete list" })
  @IsArray()
  @ArrayMaxSize(366)
  @ValidateNested({ each: true })
  @Type(() => CalendarOverrideInputDto)
  overrides: CalendarOverrideInputDto[];
}

export class CalendarOverrideDto extends CalendarOverrideInputDto {
  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'null: loaded by migration',
  })
  updatedBy: string | null;
  @ApiProperty({ type: String, format: 'date-time' }) updatedAt: string;
}

export class CalendarOverridesDto {
  @ApiProperty({ type: 'integer', example: 2026 }) year: number;
  @ApiProperty({ type: [CalendarOverrideDto] }) overrides: CalendarOverrideDto[];
}

/** An open application whose appointment the proposed notices would move. */
export class OverridePreviewRowDto implements OverridePreviewRow {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: '000.00.12.H00-260302-0001' }) code: string;
  @ApiProperty() procedureName: string;
  @ApiProperty({ format: 'date-time', description: 'The appointment stored now' })
  dueAt: string;
  @ApiProperty({ format: 'date-time', description: 'The appointment under the proposed notices' })
  newDueAt: string;
  @ApiProperty({ type: 'integer', description: 'Calendar days later (negative: earlier)' })
  shiftDays: number;
}

export class OverridePreviewDto {
  @ApiProperty({
    type: 'integer',
    description: 'Open applications looked at (received before the year ends, due after it starts)',
  })
  checked: number;
  @ApiProperty({ type: [OverridePreviewRowDto] }) moved: OverridePreviewRowDto[];
}
