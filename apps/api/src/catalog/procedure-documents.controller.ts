import { Body, Controller, Get, Inject, Param, Put, Req } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { Role } from '@app/domain';
import type { FastifyRequest } from 'fastify';
import { AuthUser } from '../auth/auth-user';
import { CurrentUser, Roles } from '../auth/auth.decorators';
import { ErrorResponseDto } from '../http/error-response';
import { ProcedureCodeParamDto } from './dto/procedure-query.dto';
import { ProcedureDocumentDto, ReplaceProcedureDocumentsDto } from './dto/procedure-documents.dto';
import { ProcedureDocumentsService } from './procedure-documents.service';

@ApiTags('catalog')
@ApiBearerAuth()
@Controller('procedures')
export class ProcedureDocumentsController {
  constructor(
    @Inject(ProcedureDocumentsService) private readonly documents: ProcedureDocumentsService,
  ) {}

  @Get(':code/documents')
  @ApiOperation({
    summary:
      "The procedure's required documents (thành phần hồ sơ), in order, inactive ones included: the desk's checklist",
  })
  @ApiOkResponse({ type: [ProcedureDocumentDto] })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  async list(@Param() params: ProcedureCodeParamDto): Promise<ProcedureDocumentDto[]> {
    return (await this.documents.list(params.code)).map((d) => ProcedureDocumentDto.from(d));
  }

  @Put(':code/documents')
  @Roles(Role.Admin)
  @ApiOperation({
    summary:
      'Replace the required-documents list (order = positions; lines without id are added, documents left out removed unless received: then deactivate them); recorded in the audit log',
  })
  @ApiOkResponse({ type: [ProcedureDocumentDto] })
  @ApiBadRequestResponse({ type: ErrorResponseDto })
  @ApiForbiddenResponse({ type: ErrorResponseDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  async replace(
    @Param() params: ProcedureCodeParamDto,
    @Body() body: ReplaceProcedureDocumentsDto,
    @CurrentUser() user: AuthUser,
    @Req() request: FastifyRequest,
  ): Promise<ProcedureDocumentDto[]> {
    const saved = await this.documents.replace(params.code, body.documents, user, request.ip);
    return saved.map((d) => ProcedureDocumentDto.from(d));
  }
}
