import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsEmail,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import type { CitizenApplicationView, FileView, OnlineSubmissionView, UploadView } from '@app/core';
import type { InboxRow, OnlineProcedureRecord } from '@app/database';
import { ApplicationStatus } from '@app/domain';
import {
  ID_NUMBER_PATTERN,
  PHONE_PATTERN,
  PROCEDURE_CODE_PATTERN,
} from '../../applications/dto/create-application.dto';

export class OnlineProcedureDto implements OnlineProcedureRecord {
  @ApiProperty({ example: '2.001914' }) code: string;
  @ApiProperty() name: string;
  @ApiProperty() departmentName: string;
  @ApiProperty({ enum: ['full', 'partial'], description: 'full = toàn trình, partial = một phần' })
  onlineLevel: 'full' | 'partial';
  @ApiProperty({ type: 'integer', description: 'Fee in đồng' }) feeVnd: number;
  @ApiProperty({ type: 'integer' }) timeLimitValue: number;
  @ApiProperty({ example: 'working_days' }) timeLimitUnit: string;
  @ApiProperty({ type: [String], description: 'The documents to upload, one file each at least' })
  documents: string[];
}

export class FileDto implements FileView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ type: String, nullable: true }) documentName: string | null;
  @ApiProperty() originalName: string;
  @ApiProperty({ enum: ['application/pdf', 'image/jpeg', 'image/png'] }) mediaType: string;
  @ApiProperty({ type: 'integer' }) sizeBytes: number;
  @ApiProperty({ type: String, nullable: true, enum: ['submission', 'supplement'] })
  purpose: string | null;
  @ApiProperty({ format: 'date-time' }) uploadedAt: string;
}

export class UploadDto extends FileDto implements UploadView {
  @ApiProperty({ description: 'Shown once: send it with the id to attach the upload' })
  uploadToken: string;
}

export class AttachedUploadDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'must be an upload id (UUID)' })
  id: string;

  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  uploadToken: string;

  @ApiProperty({ example: 'Đơn đề nghị', description: 'Which required document this file is' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  documentName: string;
}

export class OnlineApplicantDto {
  @ApiProperty({ example: 'Nguyễn Văn An' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  fullName: string;

  @ApiProperty({ example: '001203004567' })
  @IsString()
  @Matches(ID_NUMBER_PATTERN, {
    message: 'must be a 9 or 12-digit citizen ID, a tax code or a passport number',
  })
  idNumber: string;

  @ApiProperty({ example: '0912345678' })
  @IsString()
  @Matches(PHONE_PATTERN, { message: 'must be a Vietnamese phone number such as 0912345678' })
  phone: string;

  @ApiProperty({
    example: 'an.nguyen@example.vn',
    description: 'Required online: every step is e-mailed',
  })
  @IsEmail({}, { message: 'must be an e-mail address' })
  @MaxLength(200)
  email: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(500)
  address?: string;
}

export class SubmitOnlineDto {
  @ApiProperty({ example: '2.001914' })
  @IsString()
  @Matches(PROCEDURE_CODE_PATTERN, { message: 'must be a procedure code such as 1.001234' })
  procedureCode: string;

  @ApiProperty({ type: OnlineApplicantDto })
  @ValidateNested()
  @Type(() => OnlineApplicantDto)
  applicant: OnlineApplicantDto;

  @ApiProperty({ type: [AttachedUploadDto] })
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => AttachedUploadDto)
  files: AttachedUploadDto[];
}

export class SupplementUploadDto {
  @ApiProperty({ type: [AttachedUploadDto] })
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => AttachedUploadDto)
  files: AttachedUploadDto[];
}

export class OnlineSubmissionDto implements OnlineSubmissionView {
  @ApiProperty() code: string;
  @ApiProperty({ enum: ApplicationStatus }) status: ApplicationStatus;
  @ApiProperty({ type: 'integer', nullable: true, example: 1 }) portalStatusCode: number | null;
  @ApiProperty({ example: 'Mới đăng ký' }) statusLabel: string;
  @ApiProperty() procedureName: string;
  @ApiProperty({ type: 'integer' }) feeVnd: number;
  @ApiProperty({ format: 'date-time' }) submittedAt: string;
  @ApiProperty({ format: 'date-time', description: 'The desk accepts or refuses by then' })
  checkDueAt: string;
  @ApiProperty({ description: 'Shown once; send it as X-Citizen-Token to follow the application' })
  accessToken: string;
}

export class CitizenApplicationDto implements CitizenApplicationView {
  @ApiProperty() code: string;
  @ApiProperty({ enum: ApplicationStatus }) status: ApplicationStatus;
  @ApiProperty({ type: 'integer', nullable: true }) portalStatusCode: number | null;
  @ApiProperty() statusLabel: string;
  @ApiProperty({ type: [FileDto] }) files: FileDto[];
}

export class InboxItemDto implements Omit<
  InboxRow,
  'submittedAt' | 'checkDueAt' | 'checkEscalatedAt'
> {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() code: string;
  @ApiProperty() procedureCode: string;
  @ApiProperty() procedureName: string;
  @ApiProperty() applicantFullName: string;
  @ApiProperty({ format: 'date-time' }) submittedAt: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) checkDueAt: string | null;
  @ApiProperty({ description: 'Not checked by its deadline: flagged' }) checkOverdue: boolean;
  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'When the worker escalated the missed check (to the desk and the directors)',
  })
  checkEscalatedAt: string | null;
  @ApiProperty({ type: 'integer' }) fileCount: number;
  @ApiProperty({ type: 'integer' }) version: number;
}
