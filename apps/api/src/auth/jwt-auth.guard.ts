import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { DomainError, DomainErrorCode, Role } from '@app/domain';
import type { FastifyRequest } from 'fastify';
import { AccessTokens, TokenAudience } from './access-tokens';
import { AccountStateCache } from './account-state.cache';
import { AuthUser } from './auth-user';
import { IS_PUBLIC, ROLES } from './auth.decorators';

/**
 * Verifies an access token (signature, algorithm, issuer, audience, expiry) and checks the
 * account is still as the token says (AccountStateCache). The one authentication of the API,
 * Bull Board and the metrics stream.
 */
export async function authenticateToken(
  tokens: AccessTokens,
  accounts: AccountStateCache,
  token: string,
  audience: TokenAudience = 'api',
): Promise<AuthUser> {
  const user = await tokens.verify(token, audience);
  await accounts.assertCurrent(user);
  return user;
}

/** Global guard: every route needs a valid bearer token unless marked @Public(); @Roles narrows it. */
@Injectable()
export class JwtAuthGuard implements CanActivate {
  constructor(
    @Inject(Reflector) private readonly reflector: Reflector,
    @Inject(AccessTokens) private readonly tokens: AccessTokens,
    @Inject(AccountStateCache) private readonly accounts: AccountStateCache,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) {
      return true;
    }
    const request = context.switchToHttp().getRequest<FastifyRequest & { user?: AuthUser }>();
    const header = request.headers.authorization;
    if (!header?.startsWith('Bearer ')) {
      throw new DomainError(
        DomainErrorCode.Unauthenticated,
        'Log in first: send Authorization: Bearer <accessToken>',
      );
    }
    const user = await authenticateToken(
      this.tokens,
      this.accounts,
      header.slice('Bearer '.length),
    );
    request.user = user;
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES, targets);
    if (roles && !roles.includes(user.role)) {
      throw new DomainError(
        DomainErrorCode.Forbidden,
        `This action needs one of the roles: ${roles.join(', ')}`,
      );
    }
    return true;
  }
}
