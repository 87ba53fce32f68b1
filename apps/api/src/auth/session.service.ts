import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@app/config';
import { Clock, SecurityAuditService, SecurityEvent } from '@app/core';
import {
  DbTransaction,
  RefreshTokenRepository,
  TransactionRunner,
  UserRecord,
  UserRepository,
} from '@app/database';
import { DomainError, DomainErrorCode } from '@app/domain';
import { AccessTokens } from './access-tokens';
import { AuthUser } from './auth-user';

/**
 * A rotated token presented again this soon is taken for two tabs refreshing at once (both
 * sent the same cookie): refused, but its login is not revoked. Later, it is a stolen copy.
 */
const REUSE_GRACE_MS = 10_000;
/** base64url of 32 random bytes. */
const REFRESH_SHAPE = /^[A-Za-z0-9_-]{43}$/;

export interface IssuedSession {
  accessToken: string;
  expiresIn: number;
  refreshToken: string;
  refreshExpiresAt: Date;
  user: UserRecord;
}

export const toAuthUser = (user: UserRecord): AuthUser => ({
  id: user.id,
  username: user.username,
  role: user.role,
  departmentId: user.departmentId,
  tokenVersion: user.tokenVersion,
});

const hashOf = (token: string) => createHash('sha256').update(token).digest();

function refused(message = 'The session has ended; log in again'): DomainError {
  return new DomainError(DomainErrorCode.Unauthenticated, message);
}

/**
 * Logins as rotating refresh-token families: every refresh replaces the token (one use each),
 * within the login's fixed lifetime; a rotated token that comes back revokes the whole family.
 */
@Injectable()
export class SessionService {
  constructor(
    @Inject(RefreshTokenRepository) private readonly refreshTokens: RefreshTokenRepository,
    @Inject(UserRepository) private readonly users: UserRepository,
    @Inject(TransactionRunner) private readonly transactions: TransactionRunner,
    @Inject(AccessTokens) private readonly tokens: AccessTokens,
    @Inject(SecurityAuditService) private readonly audit: SecurityAuditService,
    @Inject(Clock) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** A new login (family) for an account that just proved who it is. */
  async start(user: UserRecord, tx: DbTransaction): Promise<IssuedSession> {
    const now = this.clock.now();
    const refreshExpiresAt = new Date(
      now.getTime() + this.config.auth.refreshTokenTtlHours * 3_600_000,
    );
    const refreshToken = randomBytes(32).toString('base64url');
    await this.refreshTokens.insert(
      {
        familyId: randomUUID(),
        userId: user.id,
        tokenHash: hashOf(refreshToken),
        tokenVersion: user.tokenVersion,
        createdAt: now,
        expiresAt: refreshExpiresAt,
      },
      tx,
    );
    const access = await this.tokens.issue(toAuthUser(user));
    return {
      accessToken: access.token,
      expiresIn: access.expiresIn,
      refreshToken,
      refreshExpiresAt,
      user,
    };
  }

  /** Trades a refresh token for a new one and a new access token. */
  async refresh(refreshToken: string | null, address: string | null): Promise<IssuedSession> {
    if (refreshToken === null || !REFRESH_SHAPE.test(refreshToken)) {
      throw refused('No session: log in');
    }
    return this.transactions
      .run(async (tx) => {
        const now = this.clock.now();
        const row = await this.refreshTokens.lockByHash(hashOf(refreshToken), tx);
        if (!row || row.revokedAt !== null || row.expiresAt <= now) {
          throw refused();
        }
        if (row.rotatedAt !== null) {
          if (now.getTime() - row.rotatedAt.getTime() < REUSE_GRACE_MS) {
            throw refused('This session was just renewed elsewhere; retry');
          }
          await this.refreshTokens.revokeFamily(row.familyId, now, tx);
          await this.audit.record(
            {
              event: SecurityEvent.RefreshReused,
              subject: `user:${row.userId}`,
              address,
              details: { familyId: row.familyId },
            },
            tx,
          );
          // Committed despite the refusal: the family stays revoked.
          return null;
        }
        const user = await this.users.findById(row.userId);
        if (!user || !user.active || user.tokenVersion !== row.tokenVersion) {
          await this.refreshTokens.revokeFamily(row.familyId, now, tx);
          return null;
        }
        await this.refreshTokens.markRotated(row.id, now, tx);
        const next = randomBytes(32).toString('base64url');
        await this.refreshTokens.insert(
          {
            familyId: row.familyId,
            userId: user.id,
            tokenHash: hashOf(next),
            tokenVersion: row.tokenVersion,
            createdAt: now,
            expiresAt: row.expiresAt,
          },
          tx,
        );
        const access = await this.tokens.issue(toAuthUser(user));
        return {
          accessToken: access.token,
          expiresIn: access.expiresIn,
          refreshToken: next,
          refreshExpiresAt: row.expiresAt,
          user,
        };
      })
      .then((session) => {
        if (session === null) {
          throw refused();
        }
        return session;
      });
  }

  /** Ends the login the refresh token belongs to (whatever its state); no token, no-op. */
  async logout(refreshToken: string | null, address: string | null): Promise<void> {
    if (refreshToken === null || !REFRESH_SHAPE.test(refreshToken)) {
      return;
    }
    const family = await this.refreshTokens.familyOf(hashOf(refreshToken));
    if (!family) {
      return;
    }
    await this.transactions.run(async (tx) => {
      await this.refreshTokens.revokeFamily(family.familyId, this.clock.now(), tx);
      await this.audit.record(
        {
          event: SecurityEvent.Logout,
          subject: `user:${family.userId}`,
          address,
          details: { familyId: family.familyId },
        },
        tx,
      );
    });
  }
}
