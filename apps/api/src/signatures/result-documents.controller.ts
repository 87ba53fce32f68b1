import {
  Body,
  Controller,
  Get,
  Inject,
  Param,
  Post,
  Put,
  Query,
  Req,
  StreamableFile,
} from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiQuery,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import { ResultDocumentsService, SecurityAuditService, SecurityEvent } from '@app/core';
import { DomainError, Role } from '@app/domain';
import type { FastifyRequest } from 'fastify';
import { AuthUser } from '../auth/auth-user';
import { CurrentUser, Roles } from '../auth/auth.decorators';
import { ErrorResponseDto } from '../http/error-response';
import { ApiFileResponse } from '../openapi/api-file-response.decorator';
import {
  ResultDocumentDto,
  ResultSigningRuleDto,
  ResultSigningRuleViewDto,
  SignResultDocumentDto,
} from './result-document.dto';

/** The signed electronic result of an application (PAdES), and its verification. */
@ApiTags('signatures')
@ApiBearerAuth()
@Controller()
export class ResultDocumentsController {
  constructor(
    @Inject(ResultDocumentsService) private readonly results: ResultDocumentsService,
    @Inject(SecurityAuditService) private readonly audit: SecurityAuditService,
  ) {}

  @Post('applications/:idOrCode/result-document/sign')
  @ApiOperation({
    summary: 'Ký số kết quả: render the result with a visible signature box and sign it (PAdES)',
    description:
      'Director or head of the department holding the application, while it is processing. ' +
      'Signed with the configured key (SIGNING_MODE pkcs12 or remote), timestamped when TSA_URL ' +
      "is set, then verified and stored as the application's result. 503 when no signing key is " +
      'configured or the signing service or TSA does not answer.',
  })
  @ApiCreatedResponse({ type: ResultDocumentDto })
  @ApiBadRequestResponse({ type: ErrorResponseDto })
  @ApiForbiddenResponse({ type: ErrorResponseDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  @ApiResponse({ status: 409, type: ErrorResponseDto, description: 'Not processing' })
  @ApiResponse({ status: 503, type: ErrorResponseDto, description: 'No signer, or it is down' })
  async sign(
    @Param('idOrCode') idOrCode: string,
    @Body() body: SignResultDocumentDto,
    @CurrentUser() user: AuthUser,
  ): Promise<ResultDocumentDto> {
    return ResultDocumentDto.from(await this.results.sign(idOrCode, body, user));
  }

  @Post('applications/:idOrCode/result-document')
  @ApiOperation({
    summary: 'Upload the result already signed (PDF), verified and stored as the result',
    description:
      'The body is the PDF itself. Stored whatever the verification says (the report is in the ' +
      'answer); mark-result-ready refuses it for a procedure that requires a signed result.',
  })
  @ApiConsumes('application/pdf', 'application/octet-stream')
  @ApiBody({ schema: { type: 'string', format: 'binary' } })
  @ApiQuery({ name: 'resultNumber', required: false })
  @ApiCreatedResponse({ type: ResultDocumentDto })
  @ApiBadRequestResponse({ type: ErrorResponseDto })
  @ApiForbiddenResponse({ type: ErrorResponseDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  @ApiResponse({ status: 409, type: ErrorResponseDto, description: 'Not processing' })
  async upload(
    @Param('idOrCode') idOrCode: string,
    @Req() request: FastifyRequest,
    @CurrentUser() user: AuthUser,
    @Query('resultNumber') resultNumber?: string,
  ): Promise<ResultDocumentDto> {
    if (!Buffer.isBuffer(request.body)) {
      throw DomainError.validation('file', 'the body must be the PDF (application/pdf)');
    }
    if (resultNumber !== undefined && (resultNumber.length < 1 || resultNumber.length > 100)) {
      throw DomainError.validation('resultNumber', 'must be 1 to 100 characters');
    }
    return ResultDocumentDto.from(
      await this.results.upload(idOrCode, request.body, resultNumber ?? null, user),
    );
  }

  @Get('applications/:idOrCode/result-document')
  @ApiOperation({ summary: "The application's result document and its signature report" })
  @ApiOkResponse({ type: ResultDocumentDto })
  @ApiForbiddenResponse({ type: ErrorResponseDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  async current(
    @Param('idOrCode') idOrCode: string,
    @CurrentUser() user: AuthUser,
  ): Promise<ResultDocumentDto> {
    return ResultDocumentDto.from(await this.results.current(idOrCode, user));
  }

  @Get('applications/:idOrCode/result-document/content')
  @ApiOperation({ summary: 'The signed result as PDF' })
  @ApiFileResponse('application/pdf', 'The signed PDF, as a download')
  @ApiForbiddenResponse({ type: ErrorResponseDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  async content(
    @Param('idOrCode') idOrCode: string,
    @CurrentUser() user: AuthUser,
    @Req() request: FastifyRequest,
  ): Promise<StreamableFile> {
    const { code, pdf } = await this.results.content(idOrCode, user);
    await this.audit.record({
      event: SecurityEvent.DocumentExported,
      actor: user,
      subject: `application:${idOrCode}`,
      address: request.ip,
      details: { document: 'result-document' },
    });
    return new StreamableFile(pdf, {
      type: 'application/pdf',
      disposition: `attachment; filename="ket-qua-${code.replace(/[^A-Za-z0-9.-]/g, '_')}.pdf"`,
      length: pdf.length,
    });
  }

  @Put('procedures/:code/result-signing')
  @Roles(Role.Admin)
  @ApiOperation({
    summary: 'Whether results of a procedure must carry a verified digital signature',
    description:
      'When required, mark-result-ready is refused (400, field resultDocument) until the result verifies.',
  })
  @ApiOkResponse({ type: ResultSigningRuleViewDto })
  @ApiBadRequestResponse({ type: ErrorResponseDto })
  @ApiForbiddenResponse({ type: ErrorResponseDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  async setRule(
    @Param('code') code: string,
    @Body() body: ResultSigningRuleDto,
    @CurrentUser() user: AuthUser,
  ): Promise<ResultSigningRuleViewDto> {
    await this.results.setRequirement(code, body.requiresSignedResult, user);
    return { procedureCode: code, requiresSignedResult: body.requiresSignedResult };
  }

  @Get('procedures/:code/result-signing')
  @ApiOperation({ summary: 'Whether results of a procedure must carry a verified signature' })
  @ApiOkResponse({ type: ResultSigningRuleViewDto })
  async rule(@Param('code') code: string): Promise<ResultSigningRuleViewDto> {
    return { procedureCode: code, requiresSignedResult: await this.results.requirement(code) };
  }
}
