import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsOptional, IsString, Length, MaxLength } from 'class-validator';
import type { ResultDocumentView } from '@app/core';
import { SIGNATURE_CHECKS } from '@app/domain';

interface SignatureCheckDto {
  outcome: string;
  detail: string | null;
}

export class SignatureReportDto {
  @ApiProperty({
    description: `One entry per check: ${SIGNATURE_CHECKS.join(', ')}`,
    type: 'object',
    additionalProperties: {
      type: 'object',
      properties: {
        outcome: { type: 'string', enum: ['passed', 'failed', 'not_present'] },
        detail: { type: 'string', nullable: true },
      },
      required: ['outcome', 'detail'],
    },
  })
  checks: Record<string, SignatureCheckDto>;
  @ApiProperty({ type: String, nullable: true, example: 'ETSI.CAdES.detached' }) subFilter:
    string | null;
  @ApiProperty({ type: String, nullable: true, description: "The signer's certificate subject" })
  signerSubject: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'What the timestamp proves' })
  timestampedAt: string | null;
  @ApiProperty({ description: 'The signature covers the whole file' }) coversWholeFile: boolean;
  @ApiProperty() verified: boolean;
  @ApiProperty({ type: String, nullable: true }) reason: string | null;
}

export class ResultDocumentDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: ['signed_here', 'uploaded'] }) source: string;
  @ApiProperty({ type: String, nullable: true }) resultNumber: string | null;
  @ApiProperty({ type: 'integer' }) sizeBytes: number;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'uuid' }) createdBy: string;
  @ApiProperty({ description: 'Every signature verified when the document was stored' })
  verified: boolean;
  @ApiProperty({ type: String, nullable: true, description: 'Why not (the first failing check)' })
  reason: string | null;
  @ApiProperty({ type: [SignatureReportDto] }) signatures: SignatureReportDto[];

  static from(v: ResultDocumentView): ResultDocumentDto {
    return {
      id: v.id,
      source: v.source,
      resultNumber: v.resultNumber,
      sizeBytes: v.sizeBytes,
      createdAt: v.createdAt,
      createdBy: v.createdBy,
      verified: v.verified,
      reason: v.reason,
      signatures: v.signatures.map((s) => ({
        checks: s.checks,
        subFilter: s.subFilter,
        signerSubject: s.signer?.subject ?? null,
        timestampedAt: s.timestampedAt,
        coversWholeFile: s.coversWholeFile,
        verified: s.verdict.verified,
        reason: s.verdict.reason,
      })),
    };
  }
}

export class SignResultDocumentDto {
  @ApiProperty({ description: 'What was decided, printed on the result', maxLength: 4000 })
  @IsString()
  @Length(1, 4000)
  content: string;

  @ApiPropertyOptional({ example: '125/QĐ-SGDĐT', maxLength: 100 })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  resultNumber?: string;

  @ApiPropertyOptional({ example: 'Giám đốc', description: 'Printed above the signature' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  signerTitle?: string;
}

export class ResultSigningRuleDto {
  @ApiProperty({ description: 'Results of this procedure must carry a verified signature' })
  @IsBoolean()
  requiresSignedResult: boolean;
}

export class ResultSigningRuleViewDto extends ResultSigningRuleDto {
  @ApiProperty() procedureCode: string;
}
