import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsInt, IsUUID, Max, Min, ValidateNested } from 'class-validator';
import type { ProcedureStepBudgetRecord } from '@app/database';
import { MAX_STEP_BUDGET_WORKING_DAYS } from '@app/domain';

export class StepBudgetInputDto {
  @ApiProperty({ format: 'uuid', description: 'The department doing this step' })
  @IsUUID()
  departmentId: string;

  @ApiProperty({
    type: 'integer',
    minimum: 0,
    maximum: MAX_STEP_BUDGET_WORKING_DAYS,
    example: 3,
    description: "Working days for the step; at most the procedure's limit in working days",
  })
  @IsInt()
  @Min(0)
  @Max(MAX_STEP_BUDGET_WORKING_DAYS)
  workingDays: number;
}

export class ReplaceStepBudgetsDto {
  @ApiProperty({
    type: [StepBudgetInputDto],
    description: 'The whole internal process: departments left out get the time left instead',
  })
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => StepBudgetInputDto)
  budgets: StepBudgetInputDto[];
}

export class StepBudgetDto {
  @ApiProperty({ format: 'uuid' }) departmentId: string;
  @ApiProperty({ example: 'Phòng Kế hoạch – Tài chính' }) departmentName: string;
  @ApiProperty({ type: 'integer', example: 3 }) workingDays: number;

  static from(b: ProcedureStepBudgetRecord): StepBudgetDto {
    return {
      departmentId: b.departmentId,
      departmentName: b.departmentName,
      workingDays: b.workingDays,
    };
  }
}
