import { randomBytes } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@app/config';
import { DomainError, DomainErrorCode, Role } from '@app/domain';
import { REDIS, RedisClient } from '@app/messaging';
import { AuthUser } from '../auth/auth-user';

/** base64url of 32 random bytes: unguessable, and safe in a query string as it is. */
const TICKET_SHAPE = /^[A-Za-z0-9_-]{43}$/;

export interface StreamTicket {
  ticket: string;
  expiresAt: string;
}

/**
 * Single-use tickets for the metrics stream, whose EventSource cannot send the bearer header.
 * A ticket lives a few seconds in Redis, bound to the user who asked for it, and is deleted by
 * the one GETDEL that redeems it — so a ticket copied from a log or a history is worth nothing
 * once used or expired, unlike the hours-long access token it replaces in the URL. Redis is
 * shared by every API replica, so the stream may land on another replica than the issue.
 */
@Injectable()
export class StreamTicketService {
  private readonly logger = new Logger(StreamTicketService.name);

  constructor(
    @Inject(REDIS) private readonly redis: RedisClient,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async issue(user: AuthUser): Promise<StreamTicket> {
    const ttl = this.config.api.streamTicketTtlSeconds;
    const ticket = randomBytes(32).toString('base64url');
    const expiresAt = new Date(Date.now() + ttl * 1000).toISOString();
    try {
      // Only the fields a ticket needs (with the token version, checked again at the stream).
      const { id, username, role, departmentId, tokenVersion } = user;
      const stored = JSON.stringify({ id, username, role, departmentId, tokenVersion });
      await this.redis.set(this.key(ticket), stored, 'EX', ttl);
    } catch (error) {
      throw this.unavailable(error);
    }
    return { ticket, expiresAt };
  }

  /** The user the ticket was issued to; the ticket is gone afterwards, whatever the outcome. */
  async redeem(ticket: string): Promise<AuthUser> {
    if (!TICKET_SHAPE.test(ticket)) {
      throw refused();
    }
    let stored: string | null;
    try {
      stored = await this.redis.getdel(this.key(ticket));
    } catch (error) {
      throw this.unavailable(error);
    }
    const user = stored === null ? null : parseUser(stored);
    if (!user) {
      throw refused();
    }
    return user;
  }

  /** Under the deployment's prefix, like every other key of motcua in Redis. */
  private key(ticket: string): string {
    return `${this.config.queues.prefix}:stream-ticket:${ticket}`;
  }

  private unavailable(error: unknown): DomainError {
    this.logger.warn(`stream ticket store unreachable: ${(error as Error).message}`);
    return new DomainError(
      DomainErrorCode.Unavailable,
      'Live updates are unavailable right now (the ticket store does not answer); the figures still load, retry in a moment',
    );
  }
}

function refused(): DomainError {
  return new DomainError(
    DomainErrorCode.Unauthenticated,
    'The stream ticket is unknown, expired or already used: ask POST /api/v1/metrics/stream-tickets for a new one',
  );
}

function parseUser(stored: string): AuthUser | null {
  try {
    const u = JSON.parse(stored) as Partial<AuthUser>;
    const roles: string[] = Object.values(Role);
    if (
      typeof u.id === 'string' &&
      typeof u.username === 'string' &&
      typeof u.role === 'string' &&
      roles.includes(u.role) &&
      (u.departmentId === null || typeof u.departmentId === 'string') &&
      typeof u.tokenVersion === 'number'
    ) {
      return {
        id: u.id,
        username: u.username,
        role: u.role,
        departmentId: u.departmentId,
        tokenVersion: u.tokenVersion,
      };
    }
  } catch {
    // fall through: a value this code did not write is no ticket
  }
  return null;
}
