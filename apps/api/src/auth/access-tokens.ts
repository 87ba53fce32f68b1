import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { APP_CONFIG, AppConfig } from '@app/config';
import { DomainError, DomainErrorCode, Role } from '@app/domain';
import { AuthUser } from './auth-user';

interface TokenClaims {
  sub: string;
  username: string;
  role: Role;
  departmentId: string | null;
  /** Token version; absent only in tokens made by hand (tests), read as 0. */
  tv?: number;
}

/** Who a token is for: the API itself, or Bull Board's path-limited cookie. */
export type TokenAudience = 'api' | 'queues';

export interface IssuedToken {
  token: string;
  /** Seconds. */
  expiresIn: number;
}

/**
 * Short-lived HS256 access tokens with issuer and audience, both checked on every request
 * (with the algorithm pinned): a token made for Bull Board is refused by the API and back.
 */
@Injectable()
export class AccessTokens {
  constructor(
    @Inject(JwtService) private readonly jwt: JwtService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  private audience(audience: TokenAudience): string {
    const api = this.config.auth.audience;
    return audience === 'api' ? api : `${api}/admin/queues`;
  }

  async issue(user: AuthUser, audience: TokenAudience = 'api'): Promise<IssuedToken> {
    const expiresIn = this.config.auth.accessTokenTtlSeconds;
    const claims: TokenClaims = {
      sub: user.id,
      username: user.username,
      role: user.role,
      departmentId: user.departmentId,
      tv: user.tokenVersion,
    };
    const token = await this.jwt.signAsync(claims, {
      audience: this.audience(audience),
      issuer: this.config.auth.issuer,
      expiresIn,
    });
    return { token, expiresIn };
  }

  /** The user the token names, if its signature, algorithm, issuer, audience and time hold. */
  async verify(token: string, audience: TokenAudience = 'api'): Promise<AuthUser> {
    let claims: TokenClaims;
    try {
      claims = await this.jwt.verifyAsync<TokenClaims>(token, {
        algorithms: ['HS256'],
        audience: this.audience(audience),
        issuer: this.config.auth.issuer,
      });
    } catch {
      throw new DomainError(
        DomainErrorCode.Unauthenticated,
        'The access token is invalid or expired; log in again',
      );
    }
    return {
      id: claims.sub,
      username: claims.username,
      role: claims.role,
      departmentId: claims.departmentId ?? null,
      tokenVersion: typeof claims.tv === 'number' ? claims.tv : 0,
    };
  }
}
