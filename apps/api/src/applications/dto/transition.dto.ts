import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsEnum,
  IsInt,
  IsISO8601,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { Channel, StopReason } from '@app/domain';

/** Every action carries the version the caller saw (optimistic concurrency) and an optional note. */
export class TransitionDto {
  @ApiProperty({
    type: 'integer',
    example: 1,
    description: 'The version you read; a stale one is answered 409',
  })
  @IsInt()
  @Min(1)
  version: number;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string;

  @ApiPropertyOptional({
    description:
      "Required when an admin acts: every admin act is a correction of someone else's, recorded " +
      "with this reason (and never shown as the admin's own act on the control sheet). Refused " +
      'from any other role.',
    example: 'Bộ phận Một cửa quên ghi nhận hồ sơ bổ sung ngày 05/03',
  })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(1000)
  correctionReason?: string;

  @ApiPropertyOptional({
    type: 'integer',
    description:
      "An admin's correction: the history entry (history[].id) it corrects; default the latest",
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  correctsEntryId?: number;
}

export class ReceiveDto extends TransitionDto {
  @ApiPropertyOptional({
    example: '2026-04-29T10:00:00+07:00',
    description:
      'A dossier received by post: when the hand-over record (biên bản giao nhận) with the post office was signed — the legal reception time, from which the appointment is computed',
  })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'must be an ISO 8601 date-time' })
  handOverSignedAt?: string;
}

export class RefuseDto extends TransitionDto {
  @ApiProperty({ type: [String], example: ['Hồ sơ không thuộc thẩm quyền giải quyết của Sở'] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @IsNotEmpty({ each: true })
  @MaxLength(500, { each: true })
  reasons: string[];
}

export class AssignDto extends TransitionDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'must be a user id (UUID)' })
  officerId: string;
}

export class RequestSupplementDto extends TransitionDto {
  @ApiProperty({ type: [String], example: ['Bản sao chứng thực CCCD'] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @IsNotEmpty({ each: true })
  @MaxLength(500, { each: true })
  items: string[];

  @ApiProperty({ example: 'Thiếu giấy tờ theo quy định' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(1000)
  reason: string;

  @ApiPropertyOptional({
    example: 'Cơ quan phối hợp phát hiện thiếu giấy tờ sau thời hạn 3 ngày làm việc',
    description:
      'A head accepts a request made after the window (SUPPLEMENT_REQUEST_WINDOW_WORKING_DAYS from reception) or after the due date, and says why; the time limit then does not restart: the date in force moves by the wait only',
  })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(1000)
  lateOverrideReason?: string;
}

export class RequestCompletionDto extends TransitionDto {
  @ApiProperty({ type: [String], example: ['Bản sao chứng thực giấy khai sinh'] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @IsNotEmpty({ each: true })
  @MaxLength(500, { each: true })
  items: string[];

  @ApiPropertyOptional({ example: 'Hồ sơ chưa đủ thành phần theo quy định' })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  reason?: string;
}

export class ReasonDto extends TransitionDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  reason?: string;
}

export class StopDto extends TransitionDto {
  @ApiPropertyOptional({
    enum: StopReason,
    description:
      'Default: withdrawn after a withdrawal request, supplement_not_provided while awaiting a ' +
      'supplement, payment_not_provided while awaiting a payment, else rejected. withdrawn only ' +
      'after a withdrawal request; the two "not provided" reasons only from their waiting ' +
      'status and once ABANDONMENT_WORKING_DAYS (default 15) have passed since the request (409 otherwise)',
  })
  @IsOptional()
  @IsEnum(StopReason, { message: `must be one of ${Object.values(StopReason).join(', ')}` })
  stopReason?: StopReason;

  @ApiProperty({ example: 'Hồ sơ không đủ điều kiện theo quy định' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(1000)
  reason: string;
}

export class SignResultDto extends TransitionDto {
  @ApiProperty({ example: '125/QĐ-SGDĐT', description: "The signed result's number" })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  resultNumber: string;

  @ApiPropertyOptional({ description: 'Signed with a digital signature (K6)' })
  @IsOptional()
  @IsBoolean()
  digitallySigned?: boolean;
}

export class SendBackDto extends TransitionDto {
  @ApiProperty({ example: 'Cần bổ sung căn cứ pháp lý' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(1000)
  reason: string;
}

export class MarkResultReadyDto extends TransitionDto {
  @ApiPropertyOptional({
    example: '125/QĐ-SGDĐT',
    description:
      "Only for a procedure without a review chain (else the number given when signing): the result's number",
  })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  resultNumber?: string;

  @ApiPropertyOptional({
    description:
      'Claimed only: K6 counts the result document whose signature verifies (result-document)',
  })
  @IsOptional()
  @IsBoolean()
  digitallySigned?: boolean;

  @ApiPropertyOptional({ description: 'An electronic result was issued (K4)' })
  @IsOptional()
  @IsBoolean()
  electronicResult?: boolean;
}

export class ReturnResultDto extends TransitionDto {
  @ApiPropertyOptional({ enum: Channel, description: 'How the result reached the applicant (K7)' })
  @IsOptional()
  @IsEnum(Channel, { message: `must be one of ${Object.values(Channel).join(', ')}` })
  deliveryChannel?: Channel;
}

export class ApologizeDto extends TransitionDto {
  @ApiProperty({ example: 'Hồ sơ phải xin ý kiến của cơ quan phối hợp' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(1000)
  reason: string;

  @ApiProperty({
    example: '2026-12-10T17:00:00+07:00',
    description:
      'A working day at the end of office hours (a bare date means that); at most APOLOGY_MAX_EXTENSION_WORKING_DAYS after the date in force',
  })
  @IsISO8601({ strict: true }, { message: 'must be an ISO 8601 date-time' })
  newDueAt: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description:
      "The department at fault, one that held the application (the lead or a liên thông step's receiver); default: the step that overran, else the lead",
  })
  @IsOptional()
  @IsUUID('all', { message: 'must be a department id (UUID)' })
  responsibleDepartmentId?: string;
}

export class HandOverDto extends TransitionDto {
  @ApiProperty({ format: 'uuid', description: 'The department that receives the application' })
  @IsUUID('all', { message: 'must be a department id (UUID)' })
  toDepartmentId: string;

  @ApiPropertyOptional({
    type: 'integer',
    example: 3,
    description:
      "This step's own time budget, in working days. Default: the procedure's internal process for the receiving department, cut to the time left before the appointment in force; a request beyond either is refused (400)",
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(365)
  budgetWorkingDays?: number;
}
