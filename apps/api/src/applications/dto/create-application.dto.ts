import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsEmail,
  IsEnum,
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
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import {
  ApplicationStatus,
  Channel,
  DOCUMENT_COPIES_MAX,
  DOCUMENT_COPIES_MIN,
  DocumentForm,
  MAX_PROCEDURE_DOCUMENTS,
} from '@app/domain';

/** Citizen ID (CMND 9 / CCCD 12 digits), tax code (10, 13 or 10-3 digits) or passport (letter + 7 digits). */
export const ID_NUMBER_PATTERN = /^(\d{9}|\d{10}|\d{12}|\d{13}|\d{10}-\d{3}|[A-Z]\d{7})$/;
/** Vietnamese phone numbers: 0xxxxxxxxx (mobile) or 02xxxxxxxxx (landline), or +84 instead of 0. */
export const PHONE_PATTERN = /^(\+84|0)\d{9,10}$/;
/** Code as in the national procedure database, e.g. 1.001234 or 2.002345. */
export const PROCEDURE_CODE_PATTERN = /^\d+(\.\d+)+$/;

export class ApplicantDto {
  @ApiProperty({ example: 'Nguyễn Văn An' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  fullName: string;

  @ApiPropertyOptional({
    enum: ['person', 'organization'],
    description:
      'person (default) or organization (a school, a company): letters say "Ông/Bà …" only to a person',
  })
  @IsOptional()
  @IsIn(['person', 'organization'], { message: 'must be person or organization' })
  kind?: 'person' | 'organization';

  @ApiProperty({ example: '001203004567', description: 'CMND/CCCD, tax code or passport number' })
  @IsString()
  @Matches(ID_NUMBER_PATTERN, {
    message: 'must be a 9 or 12-digit citizen ID, a tax code or a passport number',
  })
  idNumber: string;

  @ApiProperty({ example: '0912345678' })
  @IsString()
  @Matches(PHONE_PATTERN, { message: 'must be a Vietnamese phone number such as 0912345678' })
  phone: string;

  @ApiPropertyOptional({ example: 'an.nguyen@example.vn' })
  @IsOptional()
  @IsEmail({}, { message: 'must be an e-mail address' })
  @MaxLength(200)
  email?: string;

  @ApiPropertyOptional({ example: 'Số 1 Lê Lợi, phường Bến Nghé' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  address?: string;
}

export class DocumentDto {
  @ApiProperty({ example: 'Đơn đề nghị cấp bản sao văn bằng' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  name: string;

  @ApiProperty({ type: 'integer', example: 1 })
  @IsInt()
  @Min(1)
  @Max(100)
  copies: number;
}

/** One checked line of the desk's checklist. */
export class ChecklistItemDto {
  @ApiProperty({ format: 'uuid', description: 'A document of GET /procedures/{code}/documents' })
  @IsUUID('all', { message: "must be the id of one of the procedure's documents" })
  documentId: string;

  @ApiProperty({ enum: DocumentForm, description: 'original = bản chính, copy = bản sao' })
  @IsEnum(DocumentForm, { message: 'must be original or copy' })
  form: DocumentForm;

  @ApiProperty({ type: 'integer', minimum: DOCUMENT_COPIES_MIN, maximum: DOCUMENT_COPIES_MAX })
  @IsInt({
    message: `must be a whole number from ${DOCUMENT_COPIES_MIN} to ${DOCUMENT_COPIES_MAX}`,
  })
  @Min(DOCUMENT_COPIES_MIN, {
    message: `must be a whole number from ${DOCUMENT_COPIES_MIN} to ${DOCUMENT_COPIES_MAX}`,
  })
  @Max(DOCUMENT_COPIES_MAX, {
    message: `must be a whole number from ${DOCUMENT_COPIES_MIN} to ${DOCUMENT_COPIES_MAX}`,
  })
  copies: number;
}

const INTAKE_STATUSES = [
  ApplicationStatus.Received,
  ApplicationStatus.Submitted,
  ApplicationStatus.IncompleteAtDesk,
] as const;
type IntakeStatus = (typeof INTAKE_STATUSES)[number];

export class CreateApplicationDto {
  @ApiProperty({ example: '1.005092' })
  @IsString()
  @Matches(PROCEDURE_CODE_PATTERN, {
    message: 'must be a national procedure code such as 1.005092',
  })
  procedureCode: string;

  @ApiProperty({ enum: Channel })
  @IsEnum(Channel, { message: `must be one of ${Object.values(Channel).join(', ')}` })
  channel: Channel;

  @ApiPropertyOptional({
    enum: [...INTAKE_STATUSES],
    description:
      'received (default): logged at the desk, the clock starts; submitted: registered, awaiting ' +
      'reception; incomplete_at_desk: turned away with written guidance on what is missing ' +
      '(Mẫu 02, never received: no clock, outside K1; needs missingItems)',
  })
  @IsOptional()
  @IsIn([...INTAKE_STATUSES], {
    message: 'must be received, submitted or incomplete_at_desk',
  })
  status?: IntakeStatus;

  @ApiPropertyOptional({
    type: [String],
    example: ['Bản sao chứng thực giấy khai sinh'],
    description: 'With status incomplete_at_desk: the documents to add or correct (Mẫu 02)',
  })
  @ValidateIf((o: CreateApplicationDto) => o.status === ApplicationStatus.IncompleteAtDesk)
  @IsArray({ message: 'must list the missing documents when the status is incomplete_at_desk' })
  @ArrayMinSize(1, { message: 'must name at least one missing document' })
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @IsNotEmpty({ each: true })
  @MaxLength(500, { each: true })
  missingItems?: string[];

  @ApiPropertyOptional({ description: 'With status incomplete_at_desk: why (printed on Mẫu 02)' })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  guidanceReason?: string;

  @ApiProperty({ type: ApplicantDto })
  @IsObject({ message: 'must be an object' })
  @ValidateNested()
  @Type(() => ApplicantDto)
  applicant: ApplicantDto;

  @ApiPropertyOptional({
    type: [DocumentDto],
    description: 'Documents handed in, as free text (procedures without a published list, extras)',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => DocumentDto)
  documents?: DocumentDto[];

  @ApiPropertyOptional({
    type: [ChecklistItemDto],
    description:
      "The desk's checklist against the procedure's required documents: each document at most " +
      'once, with original/copy and 1-99 copies. With status received (default) it must hold ' +
      'every active document; an incomplete dossier is recorded as incomplete_at_desk with ' +
      'missingItems (Mẫu 02).',
  })
  @IsOptional()
  @IsArray({ message: 'must be a list of checked documents' })
  @ArrayMaxSize(MAX_PROCEDURE_DOCUMENTS)
  @ValidateNested({ each: true })
  @Type(() => ChecklistItemDto)
  checklist?: ChecklistItemDto[];

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string;
}
