import { Controller, Get, Inject, Param, Req, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiParam, ApiResponse, ApiTags } from '@nestjs/swagger';
import { ApplicationDocumentsService, SecurityAuditService, SecurityEvent } from '@app/core';
import { FormKind } from '@app/documents';
import { DomainError } from '@app/domain';
import type { FastifyRequest } from 'fastify';
import { AuthUser } from '../auth/auth-user';
import { CurrentUser } from '../auth/auth.decorators';
import { ErrorResponseDto } from '../http/error-response';
import { ApiFileResponse } from '../openapi/api-file-response.decorator';

const FILES = new Map<string, FormKind>(Object.values(FormKind).map((k) => [`${k}.pdf`, k]));

/** The printed forms of an application (Thông tư 01/2018 and 03/2025/TT-VPCP), as PDF. */
@ApiTags('documents')
@ApiBearerAuth()
@Controller('applications/:idOrCode/documents')
export class DocumentsController {
  constructor(
    private readonly documents: ApplicationDocumentsService,
    @Inject(SecurityAuditService) private readonly audit: SecurityAuditService,
  ) {}

  @Get(':file')
  @ApiOperation({
    summary: 'A form of the application as PDF, in Vietnamese',
    description:
      'receipt.pdf (with a QR code to the public status page), supplement-request.pdf, ' +
      'refusal.pdf, apology.pdf, control-sheet.pdf, stop-notice.pdf (Thông báo dừng giải quyết ' +
      'hồ sơ, for a stopped application). 404 when the application has no such form.',
  })
  @ApiParam({ name: 'file', enum: [...FILES.keys()] })
  @ApiFileResponse('application/pdf', 'The PDF, shown inline')
  @ApiResponse({ status: 403, type: ErrorResponseDto, description: 'Another department' })
  @ApiResponse({ status: 404, type: ErrorResponseDto })
  async download(
    @Param('idOrCode') idOrCode: string,
    @Param('file') file: string,
    @CurrentUser() user: AuthUser,
    @Req() request: FastifyRequest,
  ): Promise<StreamableFile> {
    const kind = FILES.get(file);
    if (!kind) {
      throw DomainError.notFound('document', file);
    }
    const { filename, pdf } = await this.documents.render(kind, idOrCode, user);
    // Recorded before the PDF is sent: personal data never leaves unrecorded.
    await this.audit.record({
      event: SecurityEvent.DocumentExported,
      actor: user,
      subject: `application:${idOrCode}`,
      address: request.ip,
      details: { document: file },
    });
    return new StreamableFile(pdf, {
      type: 'application/pdf',
      disposition: `inline; filename="${filename}"`,
      length: pdf.length,
    });
  }
}
