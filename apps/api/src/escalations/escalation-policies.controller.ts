import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Inject,
  Param,
  Put,
  Query,
  Req,
  Res,
} from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { EscalationPolicyService, SecurityAuditService, SecurityEvent } from '@app/core';
import { Role } from '@app/domain';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AuthUser } from '../auth/auth-user';
import { CurrentUser, Roles } from '../auth/auth.decorators';
import { ErrorResponseDto } from '../http/error-response';
import {
  DeleteEscalationPolicyQueryDto,
  EffectiveEscalationPolicyDto,
  EffectiveEscalationPolicyQueryDto,
  EscalationPolicyDto,
  EscalationPolicyIdParamDto,
  PutEscalationPolicyDto,
} from './escalation-policy.dto';

/** Overrides of the escalation defaults (config) per department and/or procedure. */
@ApiTags('escalations')
@ApiBearerAuth()
@ApiForbiddenResponse({ type: ErrorResponseDto })
@Controller('escalation-policies')
export class EscalationPoliciesController {
  constructor(
    @Inject(EscalationPolicyService) private readonly policies: EscalationPolicyService,
    @Inject(SecurityAuditService) private readonly audit: SecurityAuditService,
  ) {}

  @Get()
  @Roles(Role.Admin, Role.Director)
  @ApiOperation({ summary: 'Every override, with the names of its department and procedure' })
  @ApiOkResponse({ type: [EscalationPolicyDto] })
  async list(): Promise<EscalationPolicyDto[]> {
    return (await this.policies.list()).map((p) => EscalationPolicyDto.from(p));
  }

  @Get('effective')
  @Roles(Role.Admin, Role.Director)
  @ApiOperation({
    summary:
      'The policy the worker applies for a department and procedure, and where each value comes from',
  })
  @ApiOkResponse({ type: EffectiveEscalationPolicyDto })
  @ApiBadRequestResponse({ type: ErrorResponseDto, description: 'Unknown department or procedure' })
  async effective(
    @Query() query: EffectiveEscalationPolicyQueryDto,
  ): Promise<EffectiveEscalationPolicyDto> {
    return EffectiveEscalationPolicyDto.from(
      await this.policies.effective({
        departmentId: query.departmentId ?? null,
        procedureId: query.procedureId ?? null,
      }),
    );
  }

  @Get(':id')
  @Roles(Role.Admin, Role.Director)
  @ApiOkResponse({ type: EscalationPolicyDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  async get(@Param() params: EscalationPolicyIdParamDto): Promise<EscalationPolicyDto> {
    return EscalationPolicyDto.from(await this.policies.get(params.id));
  }

  @Put()
  @Roles(Role.Admin)
  @ApiOperation({
    summary: 'Create or replace the override of a scope (idempotent); send the version you read',
  })
  @ApiOkResponse({ type: EscalationPolicyDto, description: 'Replaced (or already so)' })
  @ApiCreatedResponse({ type: EscalationPolicyDto, description: 'Created' })
  @ApiBadRequestResponse({ type: ErrorResponseDto })
  @ApiConflictResponse({
    type: ErrorResponseDto,
    description: 'Stale version; `current` is the row',
  })
  async replace(
    @Body() body: PutEscalationPolicyDto,
    @CurrentUser() user: AuthUser,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const { created, record } = await this.policies.replace(
      { departmentId: body.departmentId ?? null, procedureId: body.procedureId ?? null },
      {
        overdueWorkingDays: body.overdueWorkingDays ?? null,
        supervisingOfficeEmail: body.supervisingOfficeEmail ?? null,
        apologyWorkingDays: body.apologyWorkingDays ?? null,
      },
      body.version,
      user.id,
    );
    // After the repository's commit; a failure is a 500, never a silent unrecorded change.
    await this.audit.record({
      event: SecurityEvent.EscalationPolicyChanged,
      actor: user,
      subject: `escalation-policy:${record.id}`,
      address: request.ip,
      details: { created, ...body },
    });
    // Sent by hand: Nest would overwrite a status set on a passthrough reply with PUT's 200.
    if (created) {
      void reply.header('location', `/api/v1/escalation-policies/${record.id}`);
    }
    await reply.status(created ? 201 : 200).send(EscalationPolicyDto.from(record));
  }

  @Delete(':id')
  @Roles(Role.Admin)
  @HttpCode(204)
  @ApiOperation({ summary: 'Remove an override: that scope inherits again' })
  @ApiNoContentResponse()
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  @ApiConflictResponse({
    type: ErrorResponseDto,
    description: 'Stale version; `current` is the row',
  })
  async remove(
    @Param() params: EscalationPolicyIdParamDto,
    @Query() query: DeleteEscalationPolicyQueryDto,
    @CurrentUser() user: AuthUser,
    @Req() request: FastifyRequest,
  ): Promise<void> {
    await this.policies.remove(params.id, query.version);
    await this.audit.record({
      event: SecurityEvent.EscalationPolicyRemoved,
      actor: user,
      subject: `escalation-policy:${params.id}`,
      address: request.ip,
    });
  }
}
