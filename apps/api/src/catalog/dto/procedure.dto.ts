import { ApiProperty } from '@nestjs/swagger';
import type { ProcedureRecord } from '@app/database';
import { IsIn, IsInt, Max, Min } from 'class-validator';
import { REVIEW_ROLES, ReviewStage, Role } from '@app/domain';

export const TIME_LIMIT_UNITS = ['working_days', 'hours', 'calendar_days', 'months'] as const;
export type TimeLimitUnitValue = (typeof TIME_LIMIT_UNITS)[number];
export const ONLINE_LEVELS = ['full', 'partial', 'none'] as const;
export type OnlineLevelValue = (typeof ONLINE_LEVELS)[number];

/** The published time limit (thời hạn giải quyết). */
export class TimeLimitDto {
  @ApiProperty({
    type: 'integer',
    example: 5,
    minimum: 0,
    description: '0 with working_days = same day',
  })
  @IsInt()
  @Min(0)
  @Max(1000)
  value: number;

  @ApiProperty({ enum: TIME_LIMIT_UNITS, example: 'working_days' })
  @IsIn(TIME_LIMIT_UNITS)
  unit: TimeLimitUnitValue;
}

/** One step of a procedure's review chain (review by a head, signature by a leader). */
export class ReviewStepDto {
  @ApiProperty({ enum: ReviewStage, example: 'review' })
  @IsIn(Object.values(ReviewStage), { message: 'must be review or sign' })
  stage: ReviewStage;

  @ApiProperty({ enum: REVIEW_ROLES, example: 'head' })
  @IsIn(REVIEW_ROLES, { message: 'must be head or director' })
  role: Role;
}

export class ProcedureDto {
  @ApiProperty({ format: 'uuid', description: 'Id of this version' }) id: string;
  @ApiProperty({ example: '2.001914', description: 'Code in the national TTHC database' })
  code: string;
  @ApiProperty({ type: 'integer', example: 1 }) version: number;
  @ApiProperty({ description: 'Whether this is the version new applications are received under' })
  isCurrent: boolean;
  @ApiProperty({ example: 'Chỉnh sửa nội dung văn bằng, chứng chỉ' }) name: string;
  @ApiProperty({ format: 'uuid' }) departmentId: string;
  @ApiProperty({ type: TimeLimitDto }) timeLimit: TimeLimitDto;
  @ApiProperty({ enum: ONLINE_LEVELS, description: 'full = toàn trình, partial = một phần' })
  onlineLevel: OnlineLevelValue;
  @ApiProperty({ type: 'integer', example: 0, description: 'Fee in whole VND' }) feeVnd: number;
  @ApiProperty() eligibleFullOnline: boolean;
  @ApiProperty() onNationalPortal: boolean;
  @ApiProperty({ description: 'Accepts dossiers sent by post' }) postalIntake: boolean;
  @ApiProperty({ description: 'Sends results by post on request' }) postalReturn: boolean;
  @ApiProperty({ type: String, nullable: true, description: 'Legal basis or publication' })
  source: string | null;
  @ApiProperty({
    type: [ReviewStepDto],
    description: 'Review and signature before the result is ready ([] = none)',
  })
  reviewChain: ReviewStepDto[];
  @ApiProperty({ type: String, format: 'date-time' }) createdAt: string;

  static from(p: ProcedureRecord): ProcedureDto {
    return {
      id: p.id,
      code: p.code,
      version: p.version,
      isCurrent: p.isCurrent,
      name: p.name,
      departmentId: p.departmentId,
      timeLimit: { value: p.timeLimit.value, unit: p.timeLimit.unit },
      onlineLevel: p.onlineLevel,
      feeVnd: p.feeVnd,
      eligibleFullOnline: p.eligibleFullOnline,
      onNationalPortal: p.onNationalPortal,
      postalIntake: p.postalIntake,
      postalReturn: p.postalReturn,
      source: p.source,
      reviewChain: p.reviewChain.map((step) => ({ stage: step.stage, role: step.role })),
      createdAt: p.createdAt.toISOString(),
    };
  }
}
