import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { DepartmentRecord } from '@app/database';
import {
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  Min,
} from 'class-validator';

const DEPARTMENT_CODE = /^[A-Za-z0-9_.-]{2,40}$/;
// Same shape as AGENCY_CODE in the configuration: it opens every application code.
const AGENCY_CODE = /^[A-Za-z0-9.]{2,20}$/;

export class DepartmentDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'GDTRH' }) code: string;
  @ApiProperty({ example: 'Phòng Giáo dục Trung học' }) name: string;
  @ApiProperty({ example: '000.00.12.H00', description: 'Opens every application code' })
  agencyCode: string;
  @ApiProperty({
    type: 'integer',
    description: 'Send it back when updating (optimistic concurrency)',
  })
  version: number;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt: string;
  @ApiProperty({ type: String, format: 'date-time' }) updatedAt: string;

  static from(d: DepartmentRecord): DepartmentDto {
    return {
      id: d.id,
      code: d.code,
      name: d.name,
      agencyCode: d.agencyCode,
      version: d.version,
      createdAt: d.createdAt.toISOString(),
      updatedAt: d.updatedAt.toISOString(),
    };
  }
}

export class CreateDepartmentDto {
  @ApiProperty({ example: 'GDTRH', pattern: DEPARTMENT_CODE.source })
  @IsString()
  @Matches(DEPARTMENT_CODE, {
    message: 'must be 2 to 40 letters, digits, dots, hyphens or underscores',
  })
  code: string;

  @ApiProperty({ example: 'Phòng Giáo dục Trung học' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name: string;

  @ApiProperty({ example: '000.00.12.H00', pattern: AGENCY_CODE.source })
  @IsString()
  @Matches(AGENCY_CODE, { message: 'must be 2 to 20 letters, digits or dots' })
  agencyCode: string;
}

export class UpdateDepartmentDto {
  @ApiProperty({
    type: 'integer',
    description: 'The version you read; a newer one on the server gives 409',
  })
  @IsInt()
  @Min(1)
  version: number;

  @ApiPropertyOptional({ pattern: DEPARTMENT_CODE.source })
  @IsOptional()
  @IsString()
  @Matches(DEPARTMENT_CODE, {
    message: 'must be 2 to 40 letters, digits, dots, hyphens or underscores',
  })
  code?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name?: string;

  @ApiPropertyOptional({ pattern: AGENCY_CODE.source })
  @IsOptional()
  @IsString()
  @Matches(AGENCY_CODE, { message: 'must be 2 to 20 letters, digits or dots' })
  agencyCode?: string;
}

export class DepartmentIdParamDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  id: string;
}
