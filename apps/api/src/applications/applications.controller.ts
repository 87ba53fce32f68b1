import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiHeader,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { ApplicationQueryService, IntakeService } from '@app/core';
import { DomainError, Role } from '@app/domain';
import { AuthUser } from '../auth/auth-user';
import { CurrentUser, Roles } from '../auth/auth.decorators';
import { ErrorResponseDto } from '../http/error-response';
import { parseDateInput } from './date-input';
import { ApplicationDto, ApplicationPageDto } from './dto/application.dto';
import { CreateApplicationDto } from './dto/create-application.dto';
import { ListApplicationsQuery } from './dto/list-applications.query';
import { ReplicaReads } from '../replica/replica-reads.decorator';

const IDEMPOTENCY_KEY = /^[A-Za-z0-9_.:-]{8,128}$/;

@ApiTags('applications')
@ApiBearerAuth()
@Controller('applications')
export class ApplicationsController {
  constructor(
    private readonly intake: IntakeService,
    private readonly queries: ApplicationQueryService,
  ) {}

  @Post()
  @HttpCode(201)
  @Roles(Role.Reception, Role.Admin)
  @ApiOperation({
    summary: 'Log an application at the desk; answers the receipt with its appointment date',
  })
  @ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description: 'Same key and body replay the first answer',
  })
  @ApiCreatedResponse({
    type: ApplicationDto,
    description: 'The application, received (with its appointment) or waiting to be received',
    headers: {
      Location: { description: 'Its URL', schema: { type: 'string' } },
      'Idempotency-Replayed': {
        description: '"true" when this is the first answer to the same Idempotency-Key, replayed',
        schema: { type: 'string' },
      },
    },
  })
  @ApiResponse({ status: 400, type: ErrorResponseDto })
  @ApiResponse({
    status: 422,
    type: ErrorResponseDto,
    description: 'Idempotency-Key reused with another body',
  })
  async create(
    @Body() body: CreateApplicationDto,
    @CurrentUser() user: AuthUser,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ApplicationDto> {
    if (idempotencyKey !== undefined && !IDEMPOTENCY_KEY.test(idempotencyKey)) {
      throw DomainError.validation('Idempotency-Key', 'must be 8-128 letters, digits or _ . : -');
    }
    const result = await this.intake.intake({ ...body }, user, idempotencyKey);
    if (result.replayed) {
      void reply.header('idempotency-replayed', 'true');
    }
    void reply.header('location', `/api/v1/applications/${result.application.id}`);
    return result.application;
  }

  @Get()
  @ReplicaReads()
  @ApiOperation({ summary: 'Search and list applications (keyset pagination)' })
  @ApiOkResponse({ type: ApplicationPageDto })
  list(
    @Query() query: ListApplicationsQuery,
    @CurrentUser() user: AuthUser,
  ): Promise<ApplicationPageDto> {
    return this.queries.list(
      {
        ...query,
        dueBefore: parseDateInput(query.dueBefore),
        receivedFrom: parseDateInput(query.receivedFrom),
        // A bare "to" date includes that whole local day.
        receivedTo:
          query.receivedTo && /^\d{4}-\d{2}-\d{2}$/.test(query.receivedTo)
            ? parseDateInput(query.receivedTo, 24)
            : parseDateInput(query.receivedTo),
      },
      user,
    );
  }

  @Get(':idOrCode')
  @ApiOperation({ summary: 'One application (by id or code) with its full history' })
  @ApiOkResponse({ type: ApplicationDto, description: 'With `history` and `availableActions`' })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  get(@Param('idOrCode') idOrCode: string, @CurrentUser() user: AuthUser): Promise<ApplicationDto> {
    return this.queries.get(idOrCode, user);
  }
}
