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

/**
 * Verified tokens remembered, at most this many (least recently used leave first): a desk sends
 * the same token with every request until it expires, and checking its HMAC and claims again
 * was 6-7 % of the API's CPU per intake. fast-jwt's verifier cache does the same.
 */
const VERIFIED_MEMO_SIZE = 10_000;

interface VerifiedToken {
  user: AuthUser;
  /** Epoch ms after which the token is refused, memo or not. */
  expiresAtMs: number;
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
  private readonly verified = new Map<string, VerifiedToken>();

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

  /**
   * The user the token names, if its signature, algorithm, issuer, audience and time hold. A
   * token verified before (the exact string, for the same audience) is taken from the memo, its
   * expiry checked again; whether the account may still use it is the guard's check, every time.
   */
  async verify(token: string, audience: TokenAudience = 'api'): Promise<AuthUser> {
    const key = `${audience} ${token}`;
    const known = this.verified.get(key);
    if (known && Date.now() < known.expiresAtMs) {
      this.verified.delete(key); // most recently used goes last
      this.verified.set(key, known);
      return { ...known.user };
    }
    this.verified.delete(key);
    let claims: TokenClaims & { exp?: number };
    try {
      claims = await this.jwt.verifyAsync<TokenClaims & { exp?: number }>(token, {
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
    const user: AuthUser = {
      id: claims.sub,
      username: claims.username,
      role: claims.role,
      departmentId: claims.departmentId ?? null,
      tokenVersion: typeof claims.tv === 'number' ? claims.tv : 0,
    };
    // Only a token that expires is remembered (ours all do; one made by hand may not).
    if (typeof claims.exp === 'number') {
      this.remember(key, { user, expiresAtMs: claims.exp * 1000 });
    }
    return { ...user };
  }

  private remember(key: string, entry: VerifiedToken): void {
    this.verified.set(key, entry);
    if (this.verified.size > VERIFIED_MEMO_SIZE) {
      const oldest = this.verified.keys().next().value;
      if (oldest !== undefined) {
        this.verified.delete(oldest);
      }
    }
  }
}
