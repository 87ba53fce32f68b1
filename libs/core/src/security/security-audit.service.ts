import { Inject, Injectable } from '@nestjs/common';
import { DbTransaction, SecurityAuditRepository } from '@app/database';
import { Clock } from '../clock/clock';
import { SecurityEvent, SecurityEventInput } from './security-event';

export interface LockoutRecord {
  subject: 'account' | 'address' | 'application-code';
  /** The username, or the address or code key as the throttle names it (hashed). */
  key: string;
  until: Date;
}

/**
 * Records security events in the hash-chained audit log. The rule for callers:
 * - inside a transaction, pass it: the row commits or rolls back with the change it records
 *   (an account change never exists without its row, nor the row without the change);
 * - otherwise record BEFORE answering: for exports, before the file is sent, so that a file
 *   never leaves unrecorded. A failure is never swallowed: it fails the request (500/503), it
 *   does not turn into a silent success without a record.
 */
@Injectable()
export class SecurityAuditService {
  constructor(
    @Inject(SecurityAuditRepository) private readonly audit: SecurityAuditRepository,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  async record(input: SecurityEventInput, tx?: DbTransaction): Promise<void> {
    await this.audit.append(
      {
        occurredAt: this.clock.now(),
        event: input.event,
        actorId: input.actor?.id ?? null,
        actorUsername: input.actor?.username ?? null,
        subject: input.subject ?? null,
        address: input.address ?? null,
        details: input.details ?? {},
      },
      tx,
    );
  }

  /** For the login throttle: an account or a client address locked until `until`. */
  async recordLockout(lockout: LockoutRecord, tx?: DbTransaction): Promise<void> {
    await this.record(
      {
        event: SecurityEvent.Lockout,
        subject: `${lockout.subject}:${lockout.key}`,
        details: { until: lockout.until.toISOString() },
      },
      tx,
    );
  }
}
