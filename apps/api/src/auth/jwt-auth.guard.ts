import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import { DomainError, DomainErrorCode, Role } from '@app/domain';
import type { FastifyRequest } from 'fastify';
import { AuthUser } from './auth-user';
import { AccountStatusCache } from './account-status.cache';
import { IS_PUBLIC, ROLES } from './auth.decorators';

interface TokenClaims {
  sub: string;
  username: string;
  role: Role;
  departmentId: string | null;
}

/**
 * Verifies an access token and checks the account is still as the token says (active, same
 * role and department). Only ever read from the Authorization header: the metrics stream, whose
 * EventSource cannot send one, takes a single-use ticket instead (StreamTicketService).
 */
export async function authenticateToken(
  jwt: JwtService,
  accounts: AccountStatusCache,
  token: string,
): Promise<AuthUser> {
  let claims: TokenClaims;
  try {
    claims = await jwt.verifyAsync<TokenClaims>(token);
  } catch {
    throw new DomainError(
      DomainErrorCode.Unauthenticated,
      'The access token is invalid or expired; log in again',
    );
  }
  const user: AuthUser = {
    id: claims.sub,
    username: claims.username,
    role: claims.role,
    departmentId: claims.departmentId,
  };
  if (!(await accounts.stillValid(user, Date.now()))) {
    throw new DomainError(
      DomainErrorCode.Unauthenticated,
      'This account was deactivated or changed; log in again',
    );
  }
  return user;
}

/** Global guard: every route needs a valid bearer token unless marked @Public(); @Roles narrows it. */
@Injectable()
export class JwtAuthGuard implements CanActivate {
  constructor(
    @Inject(Reflector) private readonly reflector: Reflector,
    @Inject(JwtService) private readonly jwt: JwtService,
    @Inject(AccountStatusCache) private readonly accounts: AccountStatusCache,
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
    const user = await authenticateToken(this.jwt, this.accounts, header.slice('Bearer '.length));
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
