import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min } from 'class-validator';
import type { EffectiveEscalationPolicyView } from '@app/core';
import type { EscalationPolicyRecord } from '@app/database';
import {
  ESCALATION_POLICY_LIMITS,
  ESCALATION_POLICY_SOURCES,
  type EscalationPolicySource,
} from '@app/domain';

const OVERDUE = ESCALATION_POLICY_LIMITS.overdueWorkingDays;
const APOLOGY = ESCALATION_POLICY_LIMITS.apologyWorkingDays;
// The same shape SUPERVISING_OFFICE_EMAIL accepts in the configuration.
const EMAIL = /^[^@\s]+@[^@\s]+$/;
const SOURCES = [...ESCALATION_POLICY_SOURCES];

export class EscalationPolicyDto {
  @ApiProperty({ example: '7' }) id: string;
  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'null = every department',
  })
  departmentId: string | null;
  @ApiProperty({ type: String, nullable: true }) departmentName: string | null;
  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'Current version of the procedure; the override covers all its versions',
  })
  procedureId: string | null;
  @ApiProperty({ type: String, nullable: true, example: '1.001234' })
  procedureCode: string | null;
  @ApiProperty({ type: String, nullable: true }) procedureName: string | null;
  @ApiProperty({ type: 'integer', nullable: true, description: 'null = inherited' })
  overdueWorkingDays: number | null;
  @ApiProperty({ type: String, nullable: true, description: 'null = inherited' })
  supervisingOfficeEmail: string | null;
  @ApiProperty({ type: 'integer', nullable: true, description: 'null = inherited' })
  apologyWorkingDays: number | null;
  @ApiProperty({
    type: 'integer',
    description: 'Send it back when replacing or deleting (optimistic concurrency)',
  })
  version: number;
  @ApiProperty({ type: String, format: 'date-time' }) updatedAt: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) updatedBy: string | null;

  static from(r: EscalationPolicyRecord): EscalationPolicyDto {
    return { ...r, updatedAt: new Date(r.updatedAt).toISOString() };
  }
}

/** PUT body: the whole override of one scope; a value left out or null is inherited. */
export class PutEscalationPolicyDto {
  @ApiPropertyOptional({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'Omit or null: every department',
  })
  @IsOptional()
  @IsUUID()
  departmentId?: string | null;

  @ApiPropertyOptional({
    type: String,
    format: 'uuid',
    nullable: true,
    description:
      'Id of any version of the procedure (the override covers all versions); omit or null: every procedure',
  })
  @IsOptional()
  @IsUUID()
  procedureId?: string | null;

  @ApiPropertyOptional({
    type: 'integer',
    nullable: true,
    minimum: OVERDUE.min,
    maximum: OVERDUE.max,
    description: 'Level 4 after this many working days overdue',
  })
  @IsOptional()
  @IsInt()
  @Min(OVERDUE.min)
  @Max(OVERDUE.max)
  overdueWorkingDays?: number | null;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    example: 'thanhtra@example.vn',
    description: 'Told at level 4',
  })
  @IsOptional()
  @IsString()
  @MaxLength(254)
  @Matches(EMAIL, { message: 'must be an e-mail address' })
  supervisingOfficeEmail?: string | null;

  @ApiPropertyOptional({
    type: 'integer',
    nullable: true,
    minimum: APOLOGY.min,
    maximum: APOLOGY.max,
    description: 'Working days an apology draft suggests',
  })
  @IsOptional()
  @IsInt()
  @Min(APOLOGY.min)
  @Max(APOLOGY.max)
  apologyWorkingDays?: number | null;

  @ApiPropertyOptional({
    type: 'integer',
    description: 'The version you read; omit to create or to overwrite unconditionally',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  version?: number;
}

export class EscalationPolicyIdParamDto {
  @ApiProperty({ example: '7' })
  @Matches(/^[1-9]\d{0,17}$/, { message: 'must be a positive whole number' })
  id: string;
}

export class DeleteEscalationPolicyQueryDto {
  @ApiPropertyOptional({
    type: 'integer',
    description: 'The version you read; a newer one on the server gives 409',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  version?: number;
}

export class EffectiveEscalationPolicyQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: "Default: the procedure's department" })
  @IsOptional()
  @IsUUID()
  departmentId?: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'A procedure version (its time limit counts)',
  })
  @IsOptional()
  @IsUUID()
  procedureId?: string;
}

class ResolvedNumberDto {
  @ApiProperty({ type: 'integer' }) value: number;
  @ApiProperty({ enum: SOURCES }) source: EscalationPolicySource;
  @ApiProperty({ type: String, nullable: true, description: 'The override row it came from' })
  overrideId: string | null;
}

class ResolvedEmailDto {
  @ApiProperty({ type: String, nullable: true }) value: string | null;
  @ApiProperty({ enum: SOURCES }) source: EscalationPolicySource;
  @ApiProperty({ type: String, nullable: true }) overrideId: string | null;
}

export class EffectiveEscalationPolicyDto {
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) departmentId: string | null;
  @ApiProperty({ type: String, nullable: true }) departmentName: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) procedureId: string | null;
  @ApiProperty({ type: String, nullable: true }) procedureCode: string | null;
  @ApiProperty({ type: String, nullable: true }) procedureName: string | null;
  @ApiProperty({ type: ResolvedNumberDto }) overdueWorkingDays: ResolvedNumberDto;
  @ApiProperty({ type: ResolvedEmailDto }) supervisingOfficeEmail: ResolvedEmailDto;
  @ApiProperty({ type: ResolvedNumberDto }) apologyWorkingDays: ResolvedNumberDto;

  static from(v: EffectiveEscalationPolicyView): EffectiveEscalationPolicyDto {
    return { ...v };
  }
}
