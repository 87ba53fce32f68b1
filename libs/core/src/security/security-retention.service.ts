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

  /**
   * In batches of HOUSEKEEPING_BATCH_SIZE, each its own transaction, at most
   * HOUSEKEEPING_MAX_BATCHES of each a night: what is left goes with the next night.
   */
  async purge(): Promise<RetentionOutcome> {
    const now = this.clock.now();
    const cutoff = auditCutoff(now, this.config);
    const outcome = {
      auditRowsPurged: await this.inBatches((limit) => this.audit.purge(cutoff, now, limit)),
      refreshTokensPurged: await this.inBatches((limit) =>
        this.refreshTokens.purgeExpired(now, limit),
      ),
    };
    this.logger.log(
      `security retention: ${outcome.auditRowsPurged} audit rows, ${outcome.refreshTokensPurged} refresh tokens purged`,
    );
    return outcome;
  }

  private async inBatches(batch: (limit: number) => Promise<number>): Promise<number> {
    const { batchSize, maxBatches } = this.config.housekeeping;
    let total = 0;
    for (let i = 0; i < maxBatches; i++) {
      const deleted = await batch(batchSize);
      total += deleted;
      if (deleted < batchSize) {
        break;
      }
    }
    return total;
  }
}

/** The oldest time an audit row is kept from. */
export function auditCutoff(now: Date, config: AppConfig): Date {
  const cutoff = new Date(now);
  cutoff.setUTCMonth(cutoff.getUTCMonth() - config.security.auditRetentionMonths);
  return cutoff;
}
