import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  IsBoolean,
  IsEnum,
  IsIn,
  IsISO8601,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
} from 'class-validator';
import { ApplicationStatus, Channel } from '@app/domain';
import { Paged, queryBool } from '../../http/query-params';

const toList = ({ value }: { value: unknown }) =>
  (Array.isArray(value) ? value : typeof value === 'string' ? value.split(',') : [value])
    .map((v) => String(v).trim())
    .filter(Boolean);

export class ListApplicationsQuery extends Paged(class {}) {
  @ApiPropertyOptional({
    enum: ApplicationStatus,
    isArray: true,
    description: 'Comma-separated statuses',
  })
  @IsOptional()
  @Transform(toList)
  @IsEnum(ApplicationStatus, {
    each: true,
    message: `each must be one of ${Object.values(ApplicationStatus).join(', ')}`,
  })
  status?: ApplicationStatus[];

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'Applications this department leads or holds now (liên thông)',
  })
  @IsOptional()
  @IsUUID('all', { message: 'must be a department id (UUID)' })
  departmentId?: string;

  @ApiPropertyOptional({ example: '1.005092' })
  @IsOptional()
  @IsString()
  @Matches(/^\d+(\.\d+)+$/, { message: 'must be a national procedure code such as 1.005092' })
  procedureCode?: string;

  @ApiPropertyOptional({ enum: Channel })
  @IsOptional()
  @IsEnum(Channel, { message: `must be one of ${Object.values(Channel).join(', ')}` })
  channel?: Channel;

  @ApiPropertyOptional({ description: 'true: open applications past their appointment date' })
  @IsOptional()
  @Transform(queryBool)
  @IsBoolean({ message: 'must be true or false' })
  overdue?: boolean;

  @ApiPropertyOptional({ description: 'true: only applications assigned to me' })
  @IsOptional()
  @Transform(queryBool)
  @IsBoolean({ message: 'must be true or false' })
  assignedToMe?: boolean;

  @ApiPropertyOptional({ example: '2026-12-31T17:00:00+07:00' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'must be an ISO 8601 date or date-time' })
  dueBefore?: string;

  @ApiPropertyOptional({ example: '2026-10-01' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'must be an ISO 8601 date or date-time' })
  receivedFrom?: string;

  @ApiPropertyOptional({ example: '2026-12-31' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'must be an ISO 8601 date or date-time' })
  receivedTo?: string;

  @ApiPropertyOptional({ description: 'Application code or applicant name; accents optional' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;

  @ApiPropertyOptional({ enum: ['dueAt', 'receivedAt'] })
  @IsOptional()
  @IsIn(['dueAt', 'receivedAt'], { message: 'must be dueAt or receivedAt' })
  sort?: 'dueAt' | 'receivedAt';

  @ApiPropertyOptional({ enum: ['asc', 'desc'] })
  @IsOptional()
  @IsIn(['asc', 'desc'], { message: 'must be asc or desc' })
  direction?: 'asc' | 'desc';
}
