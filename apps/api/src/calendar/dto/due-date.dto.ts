import { ApiProperty } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsIn, IsInt, IsISO8601, IsString, Matches, Max, Min } from 'class-validator';
import { TIME_LIMIT_UNITS, TimeLimitUnitValue } from '../../catalog/dto/procedure.dto';

// A time with an explicit offset: without one, the server's zone would silently decide.
const INSTANT_WITH_OFFSET =
  /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

export class DueDateQueryDto {
  @ApiProperty({ example: '2026-03-02T09:00:00+07:00', description: 'ISO 8601 with offset' })
  // An unencoded '+' in a query string arrives as a space: put it back.
  @Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' ? value.replace(/ (\d{2}:\d{2})$/, '+$1') : value,
  )
  @IsString()
  @Matches(INSTANT_WITH_OFFSET, {
    message: 'must be an ISO 8601 date-time with an offset, e.g. 2026-03-02T09:00:00+07:00',
  })
  @IsISO8601({ strict: true }, { message: 'must be a real date and time' })
  receivedAt: string;

  @ApiProperty({ type: 'integer', example: 5, minimum: 0, maximum: 1000 })
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(1000)
  value: number;

  @ApiProperty({ enum: TIME_LIMIT_UNITS })
  @IsIn(TIME_LIMIT_UNITS)
  unit: TimeLimitUnitValue;
}

export class DueDateDto {
  @ApiProperty({ example: '2026-03-09T10:00:00.000Z', description: 'The appointment time (UTC)' })
  dueAt: string;
}
