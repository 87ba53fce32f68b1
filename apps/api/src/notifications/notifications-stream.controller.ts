import { Controller, Get, Inject, Post, Query, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiQuery,
  ApiServiceUnavailableResponse,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { DomainError, DomainErrorCode } from '@app/domain';
import type { FastifyReply } from 'fastify';
import { AccountStateCache } from '../auth/account-state.cache';
import { AuthUser } from '../auth/auth-user';
import { CurrentUser, Public } from '../auth/auth.decorators';
import { ErrorResponseDto } from '../http/error-response';
import { StreamTicketDto } from '../metrics/dto/stream-ticket.dto';
import { StreamTicketService } from '../metrics/stream-ticket.service';
import { NotificationsStreamHub } from './notifications-stream.hub';

/**
 * Live bell for every staff member, on the dashboards' pattern: a single-use ticket (POST,
 * bearer token) opens the EventSource, so the access token never appears in a URL.
 */
@ApiTags('notifications')
@Controller('notifications')
export class NotificationsStreamController {
  constructor(
    @Inject(StreamTicketService) private readonly tickets: StreamTicketService,
    @Inject(AccountStateCache) private readonly accounts: AccountStateCache,
    @Inject(NotificationsStreamHub) private readonly hub: NotificationsStreamHub,
  ) {}

  @Post('stream-tickets')
  @ApiBearerAuth()
  @ApiOperation({
    summary: 'A single-use ticket for GET /notifications/stream, valid a few seconds',
  })
  @ApiCreatedResponse({ type: StreamTicketDto })
  @ApiServiceUnavailableResponse({ type: ErrorResponseDto, description: 'Redis is unreachable' })
  issueTicket(@CurrentUser() user: AuthUser): Promise<StreamTicketDto> {
    return this.tickets.issue(user);
  }

  @Public()
  @Get('stream')
  @ApiOperation({
    summary:
      'Server-sent events: `data: {"type":"changed","at":...}` when notifications were added (at most once a second); ask GET /notifications/counts',
  })
  @ApiProduces('text/event-stream')
  @ApiOkResponse({
    description: 'The event stream (stays open)',
    content: { 'text/event-stream': { schema: { type: 'string' } } },
  })
  @ApiQuery({
    name: 'ticket',
    description: 'From POST /notifications/stream-tickets; used up here',
  })
  @ApiUnauthorizedResponse({
    type: ErrorResponseDto,
    description: 'No ticket, or unknown, expired or already used; or the account was changed',
  })
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
        'Pass a ticket from POST /api/v1/notifications/stream-tickets as ?ticket=',
      );
    }
    const user = await this.tickets.redeem(ticket);
    await this.accounts.assertCurrent(user, { fresh: true });
    this.hub.assertRoomFor(user);
    reply.hijack();
    this.hub.attach(reply.raw, user);
  }
}
