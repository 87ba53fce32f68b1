import { Controller, HttpCode, Inject, Post, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiForbiddenResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProperty,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { APP_CONFIG, AppConfig } from '@app/config';
import { Role } from '@app/domain';
import type { FastifyReply } from 'fastify';
import { ErrorResponseDto } from '../http/error-response';
import { AccessTokens } from '../auth/access-tokens';
import { QUEUES_COOKIE, QUEUES_COOKIE_PATH, sessionCookie } from '../auth/auth-cookies';
import { AuthUser } from '../auth/auth-user';
import { CurrentUser, Roles } from '../auth/auth.decorators';

export class QueuesSessionDto {
  @ApiProperty({ example: '/admin/queues' }) url: string;
  @ApiProperty({ type: 'integer', example: 900 }) expiresIn: number;
}

/**
 * Opens Bull Board from the browser, which cannot send a bearer header when it navigates: the
 * page POSTs here with its token and gets a cookie sent only to /admin/queues (httpOnly,
 * SameSite=Strict), holding a token for Bull Board alone (its own audience) that lives as long
 * as an access token. Every Bull Board request checks it like any token, account included.
 */
@ApiTags('operations')
@ApiBearerAuth()
@Controller('operations')
export class QueuesSessionController {
  constructor(
    @Inject(AccessTokens) private readonly tokens: AccessTokens,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Post('queues-session')
  @Roles(Role.Admin)
  @HttpCode(200)
  @ApiOperation({ summary: 'A cookie that opens Bull Board (/admin/queues) in this browser' })
  @ApiOkResponse({ type: QueuesSessionDto })
  @ApiUnauthorizedResponse({ type: ErrorResponseDto })
  @ApiForbiddenResponse({ type: ErrorResponseDto, description: 'Not an admin' })
  async open(
    @CurrentUser() user: AuthUser,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<QueuesSessionDto> {
    const { token, expiresIn } = await this.tokens.issue(user, 'queues');
    void reply.header(
      'set-cookie',
      sessionCookie(
        QUEUES_COOKIE,
        QUEUES_COOKIE_PATH,
        token,
        expiresIn,
        this.config.auth.cookieSecure,
      ),
    );
    return { url: QUEUES_COOKIE_PATH, expiresIn };
  }
}
