import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@app/config';
import { RefreshTokenRepository, SecurityAuditRepository } from '@app/database';
import { Clock } from '../clock/clock';

export interface RetentionOutcome {
  auditRowsPurged: number;
  refreshTokensPurged: number;
}

/**
 * Keeps security records only as long as needed: audit rows for AUDIT_RETENTION_MONTHS (the
 * purge leaves an anchor row, so the chain still verifies), refresh tokens until they expire.
 * Run daily by the worker (and `npm run audit:purge` by hand).
 */
@Injectable()
export class SecurityRetentionService {
  private readonly logger = new Logger(SecurityRetentionService.name);

  constructor(
    @Inject(SecurityAuditRepository) private readonly audit: SecurityAuditRepository,
    @Inject(RefreshTokenRepository) private readonly refreshTokens: RefreshTokenRepository,
    @Inject(Clock) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async purge(): Promise<RetentionOutcome> {
    const now = this.clock.now();
    const outcome = {
      auditRowsPurged: await this.audit.purge(auditCutoff(now, this.config), now),
      refreshTokensPurged: await this.refreshTokens.purgeExpired(now),
    };
    this.logger.log(
      `security retention: ${outcome.auditRowsPurged} audit rows, ${outcome.refreshTokensPurged} refresh tokens purged`,
    );
    return outcome;
  }
}

/** The oldest time an audit row is kept from. */
export function auditCutoff(now: Date, config: AppConfig): Date {
  const cutoff = new Date(now);
  cutoff.setUTCMonth(cutoff.getUTCMonth() - config.security.auditRetentionMonths);
  return cutoff;
}
