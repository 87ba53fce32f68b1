import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsDefined,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { ONLINE_LEVELS, OnlineLevelValue, ReviewStepDto, TimeLimitDto } from './procedure.dto';

/**
 * Codes as published in the national TTHC database (Cơ sở dữ liệu quốc gia về TTHC):
 * one digit, a dot, six digits, e.g. 2.001914. Strict on purpose, to catch typos;
 * provincial portal suffixes (…000.00.00.H12) are not procedure codes.
 */
export const PROCEDURE_CODE = /^\d\.\d{6}$/;

/** Everything a version says. PUT sends all of it: a new version replaces the whole content. */
export class ProcedureContentDto {
  @ApiProperty({ example: 'Chỉnh sửa nội dung văn bằng, chứng chỉ' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  name: string;

  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  departmentId: string;

  @ApiProperty({ type: TimeLimitDto })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => TimeLimitDto)
  timeLimit: TimeLimitDto;

  @ApiProperty({ enum: ONLINE_LEVELS })
  @IsIn(ONLINE_LEVELS)
  onlineLevel: OnlineLevelValue;

  @ApiProperty({ type: 'integer', example: 0, description: 'Whole VND, no decimals' })
  @IsInt()
  @Min(0)
  @Max(Number.MAX_SAFE_INTEGER)
  feeVnd: number;

  @ApiPropertyOptional({ default: false, description: 'Eligible for end-to-end online service' })
  @IsOptional()
  @IsBoolean()
  eligibleFullOnline?: boolean;

  @ApiPropertyOptional({
    default: false,
    description: 'Offered on the National Public Service Portal',
  })
  @IsOptional()
  @IsBoolean()
  onNationalPortal?: boolean;

  @ApiPropertyOptional({
    default: false,
    description: 'Accepts dossiers sent by post (bưu chính công ích, Decision 45/2016/QĐ-TTg)',
  })
  @IsOptional()
  @IsBoolean()
  postalIntake?: boolean;

  @ApiPropertyOptional({
    default: false,
    description: 'Sends the result by post to an applicant who asks for it',
  })
  @IsOptional()
  @IsBoolean()
  postalReturn?: boolean;

  @ApiPropertyOptional({ example: 'Quyết định công bố TTHC số .../QĐ-BGDĐT' })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  source?: string;

  @ApiPropertyOptional({
    type: [ReviewStepDto],
    description:
      'Review and signature before the result is ready, in order: at most 3 steps, by head or ' +
      'director, the last one a sign step ([] = the officer marks the result ready directly). ' +
      'Omitted: a new procedure gets the legal chain (head review, director signature); a new ' +
      "version keeps the current version's chain",
    example: [
      { stage: 'review', role: 'head' },
      { stage: 'sign', role: 'director' },
    ],
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(3)
  @ValidateNested({ each: true })
  @Type(() => ReviewStepDto)
  reviewChain?: ReviewStepDto[];
}

export class CreateProcedureDto extends ProcedureContentDto {
  @ApiProperty({ example: '2.001914', pattern: PROCEDURE_CODE.source })
  @IsString()
  @Matches(PROCEDURE_CODE, { message: 'must look like 2.001914 (national TTHC database code)' })
  code: string;
}

export class UpdateProcedureDto extends ProcedureContentDto {
  @ApiPropertyOptional({
    type: 'integer',
    description: 'The current version you edited; if the server has a newer one you get 409',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  version?: number;
}
