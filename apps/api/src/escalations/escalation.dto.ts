import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { queryInt } from '../http/query-params';
import type { EscalationRecipient, EscalationRecord } from '@app/database';

export class ListEscalationsQueryDto {
  @ApiPropertyOptional({ enum: ['true', 'false'] })
  @IsOptional()
  @IsIn(['true', 'false'])
  acknowledged?: 'true' | 'false';

  @ApiPropertyOptional({ type: 'integer', enum: [1, 2, 3, 4], description: 'Only this level' })
  @IsOptional()
  @Transform(queryInt)
  @IsInt({ message: 'must be a whole number' })
  @Min(1)
  @Max(4)
  level?: number;

  @ApiPropertyOptional({
    example: '42',
    description: 'The id of the last row of the previous page: the rows raised before it',
  })
  @IsOptional()
  @Matches(/^[1-9]\d{0,17}$/, { message: 'must be a positive whole number' })
  after?: string;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 500, default: 500 })
  @IsOptional()
  @Transform(queryInt)
  @IsInt({ message: 'must be a whole number' })
  @Min(1)
  @Max(500)
  limit?: number;
}

export class NumericIdParamDto {
  @ApiProperty({ example: '42' })
  @Matches(/^[1-9]\d{0,17}$/, { message: 'must be a positive whole number' })
  id: string;
}

/** Who an escalation was raised to. */
export class EscalationRecipientDto implements EscalationRecipient {
  @ApiPropertyOptional({
    format: 'uuid',
    description: "Absent for the supervising office's configured address",
  })
  userId?: string;
  @ApiPropertyOptional({ type: String, nullable: true }) email?: string | null;
  @ApiProperty({ example: 'head' }) role: string;
  @ApiPropertyOptional() name?: string;
}

export class EscalationDto {
  @ApiProperty({ example: '42' }) id: string;
  @ApiProperty({ format: 'uuid' }) applicationId: string;
  @ApiProperty() applicationCode: string;
  @ApiProperty() procedureName: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) dueAt: string | null;
  @ApiProperty({
    type: 'integer',
    enum: [1, 2, 3, 4],
    description: '1 due soon, 2 due today, 3 overdue, 4 overdue by N working days',
  })
  level: number;
  @ApiProperty({ format: 'date-time' }) raisedAt: string;
  @ApiProperty({ type: [EscalationRecipientDto] }) recipients: EscalationRecipientDto[];
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) acknowledgedBy: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  acknowledgedAt: string | null;

  static from(r: EscalationRecord): EscalationDto {
    return Object.assign(new EscalationDto(), {
      ...r,
      raisedAt: new Date(r.raisedAt).toISOString(),
      dueAt: r.dueAt ? new Date(r.dueAt).toISOString() : null,
      acknowledgedAt: r.acknowledgedAt ? new Date(r.acknowledgedAt).toISOString() : null,
    });
  }
}
