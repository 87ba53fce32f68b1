import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, Matches } from 'class-validator';
import type { EscalationRecord } from '@app/database';

export class ListEscalationsQueryDto {
  @ApiPropertyOptional({ enum: ['true', 'false'] })
  @IsOptional()
  @IsIn(['true', 'false'])
  acknowledged?: 'true' | 'false';
}

export class NumericIdParamDto {
  @ApiProperty({ example: '42' })
  @Matches(/^[1-9]\d{0,17}$/, { message: 'must be a positive whole number' })
  id: string;
}

export class EscalationDto {
  @ApiProperty() id: string;
  @ApiProperty({ format: 'uuid' }) applicationId: string;
  @ApiProperty() applicationCode: string;
  @ApiProperty({ enum: [1, 2, 3, 4] }) level: number;
  @ApiProperty() raisedAt: string;
  @ApiProperty({ description: '{ userId?, email?, role, name? } per recipient' })
  recipients: unknown[];
  @ApiPropertyOptional({ nullable: true }) acknowledgedBy: string | null;
  @ApiPropertyOptional({ nullable: true }) acknowledgedAt: string | null;

  static from(r: EscalationRecord): EscalationDto {
    return Object.assign(new EscalationDto(), {
      ...r,
      raisedAt: new Date(r.raisedAt).toISOString(),
      acknowledgedAt: r.acknowledgedAt ? new Date(r.acknowledgedAt).toISOString() : null,
    });
  }
}
