import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsEnum,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import {
  DOCUMENT_COPIES_MAX,
  DOCUMENT_COPIES_MIN,
  DOCUMENT_NAME_MAX,
  DocumentForm,
  MAX_PROCEDURE_DOCUMENTS,
} from '@app/domain';
import type { ProcedureDocumentRecord } from '@app/database';

const COPIES = `must be a whole number from ${DOCUMENT_COPIES_MIN} to ${DOCUMENT_COPIES_MAX}`;

/** One required document of a procedure, as listed. */
export class ProcedureDocumentDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ type: 'integer', minimum: 1, description: 'Place in the list, 1 = first' })
  position: number;
  @ApiProperty({ example: 'Bản sao giấy khai sinh' }) name: string;
  @ApiProperty({ enum: DocumentForm, description: 'original = bản chính, copy = bản sao' })
  form: DocumentForm;
  @ApiProperty({ type: 'integer', minimum: DOCUMENT_COPIES_MIN, maximum: DOCUMENT_COPIES_MAX })
  copies: number;
  @ApiProperty({ description: 'false: no longer asked for (kept: applications received it)' })
  active: boolean;

  static from(r: ProcedureDocumentRecord): ProcedureDocumentDto {
    const { id, position, name, form, copies, active } = r;
    return Object.assign(new ProcedureDocumentDto(), { id, position, name, form, copies, active });
  }
}

/** One line of the list as saved; the order of the lines is the order of the list. */
export class ProcedureDocumentInputDto {
  @ApiPropertyOptional({
    format: 'uuid',
    description: 'An existing document; leave out to add one',
  })
  @IsOptional()
  @IsUUID('all', { message: "must be the id of one of the procedure's documents" })
  id?: string;

  @ApiProperty({ example: 'Bản sao giấy khai sinh', maxLength: DOCUMENT_NAME_MAX })
  @IsString({ message: 'must be a document name' })
  @Matches(/\S/, { message: 'must not be empty' })
  @MaxLength(DOCUMENT_NAME_MAX)
  name: string;

  @ApiProperty({ enum: DocumentForm, description: 'original = bản chính, copy = bản sao' })
  @IsEnum(DocumentForm, { message: 'must be original or copy' })
  form: DocumentForm;

  @ApiProperty({ type: 'integer', minimum: DOCUMENT_COPIES_MIN, maximum: DOCUMENT_COPIES_MAX })
  @IsInt({ message: COPIES })
  @Min(DOCUMENT_COPIES_MIN, { message: COPIES })
  @Max(DOCUMENT_COPIES_MAX, { message: COPIES })
  copies: number;

  @ApiProperty({ description: 'false: no longer asked for at intake' })
  @IsBoolean({ message: 'must be true or false' })
  active: boolean;
}

export class ReplaceProcedureDocumentsDto {
  @ApiProperty({ type: [ProcedureDocumentInputDto] })
  @IsArray({ message: 'must be the list of documents' })
  @ArrayMaxSize(MAX_PROCEDURE_DOCUMENTS, {
    message: `must hold at most ${MAX_PROCEDURE_DOCUMENTS} documents`,
  })
  @ValidateNested({ each: true })
  @Type(() => ProcedureDocumentInputDto)
  documents: ProcedureDocumentInputDto[];
}
