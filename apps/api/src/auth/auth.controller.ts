import { Body, Controller, Get, HttpCode, Inject, Post, Req, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiResponse,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { APP_CONFIG, AppConfig } from '@app/config';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { clientAddress } from '../http/client-address';
import { ErrorResponseDto } from '../http/error-response';
import { UserDto } from '../users/dto/user.dto';
import {
  clearedCookie,
  readCookie,
  REFRESH_COOKIE,
  REFRESH_COOKIE_PATH,
  sessionCookie,
} from './auth-cookies';
import { AuthUser } from './auth-user';
import { CurrentUser, Public } from './auth.decorators';
import { AuthService } from './auth.service';
import { ChangePasswordDto } from './dto/change-password.dto';
import { LoginDto, LoginResponseDto } from './dto/login.dto';
import { IssuedSession, SessionService } from './session.service';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    @Inject(AuthService) private readonly auth: AuthService,
    @Inject(SessionService) private readonly sessions: SessionService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Post('login')
  @Public()
  @HttpCode(200)
  @ApiOperation({
    summary: 'Đăng nhập: a short access token, and the refresh token as an httpOnly cookie',
  })
  @ApiOkResponse({ type: LoginResponseDto })
  @ApiBadRequestResponse({ type: ErrorResponseDto })
  @ApiUnauthorizedResponse({ type: ErrorResponseDto, description: 'Wrong username or password' })
  @ApiResponse({
    status: 429,
    type: ErrorResponseDto,
    description:
      'Account or client address locked after failed logins: the message says when to retry (Vietnamese), Retry-After in seconds, current: {retryAt, retryAfterSeconds}',
  })
  async login(
    @Body() body: LoginDto,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<LoginResponseDto> {
    const session = await this.auth.login(body.username, body.password, {
      address: clientAddress(request),
    });
    return this.answer(session, reply);
  }

  @Post('refresh')
  @Public()
  @HttpCode(200)
  @ApiOperation({
    summary:
      'A new access token for the refresh cookie, which is replaced (each refresh token works once)',
  })
  @ApiOkResponse({ type: LoginResponseDto })
  @ApiUnauthorizedResponse({
    type: ErrorResponseDto,
    description: 'No, expired or revoked session',
  })
  async refresh(
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<LoginResponseDto> {
    // A refused cookie is left in place: when two tabs refresh at once, the loser's 401 must
    // not clear the cookie the winner has just received.
    const session = await this.sessions.refresh(readCookie(request, REFRESH_COOKIE), request.ip);
    return this.answer(session, reply);
  }

  @Post('logout')
  @Public()
  @HttpCode(204)
  @ApiOperation({ summary: 'Ends the session of the refresh cookie (its access tokens expire)' })
  @ApiNoContentResponse()
  async logout(
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<void> {
    await this.sessions.logout(readCookie(request, REFRESH_COOKIE), request.ip);
    void reply.header('set-cookie', this.clearRefresh());
  }

  @Post('password')
  @HttpCode(200)
  @ApiBearerAuth()
  @ApiOperation({
    summary:
      'Đổi mật khẩu: change your own password; every other session ends, a new one is returned',
  })
  @ApiOkResponse({ type: LoginResponseDto })
  @ApiBadRequestResponse({
    type: ErrorResponseDto,
    description: 'currentPassword wrong, or newPassword too short, too long or too common',
  })
  @ApiUnauthorizedResponse({ type: ErrorResponseDto })
  async changePassword(
    @CurrentUser() user: AuthUser,
    @Body() body: ChangePasswordDto,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<LoginResponseDto> {
    const session = await this.auth.changePassword(user, body.currentPassword, body.newPassword, {
      address: request.ip,
    });
    return this.answer(session, reply);
  }

  @Get('me')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'The logged-in account' })
  @ApiOkResponse({ type: UserDto })
  @ApiUnauthorizedResponse({ type: ErrorResponseDto })
  async me(@CurrentUser() user: AuthUser): Promise<UserDto> {
    return UserDto.from(await this.auth.me(user.id));
  }

  private answer(session: IssuedSession, reply: FastifyReply): LoginResponseDto {
    const maxAge = (session.refreshExpiresAt.getTime() - Date.now()) / 1000;
    void reply.header(
      'set-cookie',
      sessionCookie(
        REFRESH_COOKIE,
        REFRESH_COOKIE_PATH,
        session.refreshToken,
        maxAge,
        this.config.auth.cookieSecure,
      ),
    );
    const { id, username, fullName, role, departmentId } = session.user;
    return {
      accessToken: session.accessToken,
      expiresIn: session.expiresIn,
      user: { id, username, fullName, role, departmentId },
    };
  }

  private clearRefresh(): string {
    return clearedCookie(REFRESH_COOKIE, REFRESH_COOKIE_PATH, this.config.auth.cookieSecure);
  }
}
