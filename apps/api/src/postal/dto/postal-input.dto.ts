import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsEmail,
  IsIn,
  IsInt,
  IsISO8601,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { ShipmentStatus } from '@app/domain';
import {
  ApplicantDto,
  ChecklistItemDto,
  DocumentDto,
  PHONE_PATTERN,
  PROCEDURE_CODE_PATTERN,
} from '../../applications/dto/create-application.dto';

const MAX_VND = 1_000_000_000;

/** An address by province, district (where it still exists) and commune (spec §9). */
export class PostalAddressDto {
  @ApiProperty({ example: 'Nguyễn Thị Hoà' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name: string;

  @ApiProperty({ example: '0912345678' })
  @IsString()
  @Matches(PHONE_PATTERN, { message: 'must be a Vietnamese phone number such as 0912345678' })
  phone: string;

  @ApiPropertyOptional({ example: 'hoa.nguyen@example.vn' })
  @IsOptional()
  @IsEmail({}, { message: 'must be an e-mail address' })
  @MaxLength(200)
  email?: string;

  @ApiProperty({ example: 'Số 5 Lê Lợi' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  street: string;

  @ApiProperty({ example: 'Phường Đông Thành' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  commune: string;

  @ApiPropertyOptional({ example: 'Thành phố Ninh Bình', description: 'Omitted where none' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  district?: string;

  @ApiProperty({ example: 'Ninh Bình' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  province: string;
}

export class PostalHandOverDto {
  @ApiProperty({ example: 'BBGN-2026/0412', description: 'Number of the biên bản giao nhận' })
  @IsString()
  @Matches(/^[\p{L}\p{N}./_-]{1,40}$/u, { message: 'must be 1-40 letters, digits or . / _ -' })
  number: string;

  @ApiProperty({
    example: '2026-04-29T10:00:00+07:00',
    description: 'When the post office and the desk signed it: the legal reception time',
  })
  @IsISO8601({ strict: true }, { message: 'must be an ISO 8601 date-time' })
  signedAt: string;

  @ApiProperty({ example: 'Trần Văn Bưu', description: "The post office's signatory" })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  signedBy: string;
}

export class ReturnByPostDto {
  @ApiProperty({ type: PostalAddressDto })
  @IsObject()
  @ValidateNested()
  @Type(() => PostalAddressDto)
  receiver: PostalAddressDto;

  @ApiPropertyOptional({ type: 'integer', example: 25000, description: 'Postage in đồng' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_VND)
  postageVnd?: number;
}

export class PostalIntakeDto {
  @ApiProperty({ example: '1.001234' })
  @IsString()
  @Matches(PROCEDURE_CODE_PATTERN, { message: 'must be a procedure code such as 1.001234' })
  procedureCode: string;

  @ApiProperty({ type: ApplicantDto })
  @IsObject()
  @ValidateNested()
  @Type(() => ApplicantDto)
  applicant: ApplicantDto;

  @ApiPropertyOptional({ type: [DocumentDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => DocumentDto)
  documents?: DocumentDto[];

  @ApiPropertyOptional({
    type: [ChecklistItemDto],
    description:
      "The desk's checklist against the procedure's required documents (as POST /applications): it must hold every active document",
  })
  @IsOptional()
  @IsArray({ message: 'must be a list of checked documents' })
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => ChecklistItemDto)
  checklist?: ChecklistItemDto[];

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string;

  @ApiProperty({ type: PostalAddressDto, description: "The applicant's address (Phiếu gửi)" })
  @IsObject()
  @ValidateNested()
  @Type(() => PostalAddressDto)
  sender: PostalAddressDto;

  @ApiPropertyOptional({
    example: 'RR473124829VN',
    description: 'The code on the envelope; omitted: the next code of the pool',
  })
  @IsOptional()
  @IsString()
  @MaxLength(13)
  trackingCode?: string;

  @ApiPropertyOptional({ description: 'When the post office accepted it from the applicant' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'must be an ISO 8601 date-time' })
  acceptedByPostAt?: string;

  @ApiProperty({ type: PostalHandOverDto })
  @IsObject()
  @ValidateNested()
  @Type(() => PostalHandOverDto)
  handOver: PostalHandOverDto;

  @ApiPropertyOptional({ type: 'integer', example: 25000, description: 'Postage paid, in đồng' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_VND)
  postageVnd?: number;

  @ApiPropertyOptional({ type: ReturnByPostDto, description: 'The result is to be sent by post' })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => ReturnByPostDto)
  returnByPost?: ReturnByPostDto;
}

export class OutboundHandOverDto extends PostalHandOverDto {
  @ApiPropertyOptional({ type: 'integer', example: 25000, description: 'Postage, in đồng' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_VND)
  postageVnd?: number;

  @ApiPropertyOptional({ type: 'integer', description: 'The shipment version you saw' })
  @IsOptional()
  @IsInt()
  @Min(1)
  version?: number;
}

const MOVABLE = Object.values(ShipmentStatus);

export class ShipmentMoveDto {
  @ApiProperty({ enum: MOVABLE, example: ShipmentStatus.Delivered })
  @IsIn(MOVABLE)
  status: ShipmentStatus;

  @ApiPropertyOptional({ description: 'When it happened; default now' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'must be an ISO 8601 date-time' })
  at?: string;

  @ApiPropertyOptional({ example: 'Người nhận vắng nhà' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  note?: string;

  @ApiPropertyOptional({ type: 'integer', description: 'The shipment version you saw' })
  @IsOptional()
  @IsInt()
  @Min(1)
  version?: number;
}

export class TrackingPoolRangeDto {
  @ApiProperty({ example: 'RR', description: 'Service letters of the S10 codes' })
  @IsString()
  @Matches(/^[A-Z]{2}$/, { message: 'must be two capital letters' })
  service: string;

  @ApiProperty({ type: 'integer', example: 10000000, description: 'First eight-digit serial' })
  @IsInt()
  @Min(0)
  @Max(99_999_999)
  firstSerial: number;

  @ApiProperty({ type: 'integer', example: 500, description: 'How many codes (at most 10000)' })
  @IsInt()
  @Min(1)
  @Max(10_000)
  count: number;
}
