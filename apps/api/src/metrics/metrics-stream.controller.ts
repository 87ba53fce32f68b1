import { Controller, Get, Inject, Query, Res } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import {
  ApiForbiddenResponse,
  ApiOperation,
  ApiProduces,
  ApiQuery,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { DomainError, DomainErrorCode, Role } from '@app/domain';
import type { FastifyReply } from 'fastify';
import { AccountStatusCache } from '../auth/account-status.cache';
import { Public } from '../auth/auth.decorators';
import { authenticateToken } from '../auth/jwt-auth.guard';
import { ErrorResponseDto } from '../http/error-response';
import { MetricsStreamHub } from './metrics-stream.hub';

const STREAM_ROLES: readonly Role[] = [Role.Head, Role.Director, Role.Admin];

/**
 * Live updates for the dashboard. EventSource cannot send an Authorization header, so this one
 * route takes the token as ?access_token= and checks it itself, exactly as the global guard
 * does (hence @Public() for that guard); every other route refuses a token in the query.
 */
@ApiTags('metrics')
@Controller('metrics')
export class MetricsStreamController {
  constructor(
    @Inject(JwtService) private readonly jwt: JwtService,
    @Inject(AccountStatusCache) private readonly accounts: AccountStatusCache,
    @Inject(MetricsStreamHub) private readonly hub: MetricsStreamHub,
  ) {}

  @Public()
  @Get('stream')
  @ApiOperation({
    summary:
      'Server-sent events: `data: {"type":"changed","at":...}` when applications change (at most once a second), a comment every 25 s',
  })
  @ApiProduces('text/event-stream')
  @ApiQuery({ name: 'access_token', description: 'The access token (EventSource sends no header)' })
  @ApiUnauthorizedResponse({ type: ErrorResponseDto })
  @ApiForbiddenResponse({ type: ErrorResponseDto, description: 'Not head, director or admin' })
  async stream(
    @Query('access_token') token: string | undefined,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    if (typeof token !== 'string' || token === '') {
      throw new DomainError(
        DomainErrorCode.Unauthenticated,
        'Log in first: pass the access token as ?access_token=',
      );
    }
    const user = await authenticateToken(this.jwt, this.accounts, token);
    if (!STREAM_ROLES.includes(user.role)) {
      throw new DomainError(
        DomainErrorCode.Forbidden,
        `This action needs one of the roles: ${STREAM_ROLES.join(', ')}`,
      );
    }
    reply.hijack();
    this.hub.attach(reply.raw);
  }
}
