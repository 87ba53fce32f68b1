import { Controller, Get, Inject, Post, Query, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiOperation,
  ApiProduces,
  ApiQuery,
  ApiServiceUnavailableResponse,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { DomainError, DomainErrorCode, Role } from '@app/domain';
import type { FastifyReply } from 'fastify';
import { AccountStateCache } from '../auth/account-state.cache';
import { AuthUser } from '../auth/auth-user';
import { CurrentUser, Public, Roles } from '../auth/auth.decorators';
import { ErrorResponseDto } from '../http/error-response';
import { StreamTicketDto } from './dto/stream-ticket.dto';
import { MetricsStreamHub } from './metrics-stream.hub';
import { StreamTicketService } from './stream-ticket.service';

const STREAM_ROLES = [Role.Head, Role.Director, Role.Admin, Role.Supervisor];

/**
 * Live updates for the dashboard. EventSource cannot send an Authorization header, so the page
 * first trades its bearer token for a single-use ticket (POST, normal guard) and opens the
 * stream with ?ticket= — the stream route is @Public() for the guard and checks the ticket
 * itself. The long-lived access token never appears in a URL.
 */
@ApiTags('metrics')
@Controller('metrics')
export class MetricsStreamController {
  constructor(
    @Inject(StreamTicketService) private readonly tickets: StreamTicketService,
    @Inject(AccountStateCache) private readonly accounts: AccountStateCache,
    @Inject(MetricsStreamHub) private readonly hub: MetricsStreamHub,
  ) {}

  @Post('stream-tickets')
  @Roles(...STREAM_ROLES)
  @ApiBearerAuth()
  @ApiOperation({
    summary:
      'A single-use ticket for GET /metrics/stream, valid a few seconds (30 s by default); ask for a new one before each (re)connect',
  })
  @ApiCreatedResponse({ type: StreamTicketDto })
  @ApiUnauthorizedResponse({ type: ErrorResponseDto })
  @ApiForbiddenResponse({ type: ErrorResponseDto, description: 'Not head, director or admin' })
  @ApiServiceUnavailableResponse({ type: ErrorResponseDto, description: 'Redis is unreachable' })
  async issueTicket(@CurrentUser() user: AuthUser): Promise<StreamTicketDto> {
    return this.tickets.issue(user);
  }

  @Public()
  @Get('stream')
  @ApiOperation({
    summary:
      'Server-sent events: `data: {"type":"changed","at":...}` when applications change (at most once a second), a comment every 25 s',
  })
  @ApiProduces('text/event-stream')
  @ApiQuery({ name: 'ticket', description: 'From POST /metrics/stream-tickets; used up here' })
  @ApiUnauthorizedResponse({
    type: ErrorResponseDto,
    description: 'No ticket, or unknown, expired or already used; or the account was changed',
  })
  @ApiForbiddenResponse({ type: ErrorResponseDto, description: 'Not head, director or admin' })
  @ApiTooManyRequestsResponse({
    type: ErrorResponseDto,
    description: 'The account already holds STREAM_MAX_PER_USER open streams',
  })
  @ApiServiceUnavailableResponse({ type: ErrorResponseDto, description: 'Redis is unreachable' })
  async stream(
    @Query('ticket') ticket: string | undefined,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    if (typeof ticket !== 'string' || ticket === '') {
      throw new DomainError(
        DomainErrorCode.Unauthenticated,
        'Pass a ticket from POST /api/v1/metrics/stream-tickets as ?ticket=',
      );
    }
    const user = await this.tickets.redeem(ticket);
    // The stream may stay open for hours: check the account as stored now (and the hub checks
    // it again every second while the stream is open).
    await this.accounts.assertCurrent(user, { fresh: true });
    if (!STREAM_ROLES.includes(user.role)) {
      throw new DomainError(
        DomainErrorCode.Forbidden,
        `This action needs one of the roles: ${STREAM_ROLES.join(', ')}`,
      );
    }
    this.hub.assertRoomFor(user);
    reply.hijack();
    this.hub.attach(reply.raw, user);
  }
}
