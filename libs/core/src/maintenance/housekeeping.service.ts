import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@app/config';
import { HousekeepingRepository, HousekeptTable } from '@app/database';
import { Clock } from '../clock/clock';

export interface HousekeepingTableOutcome {
  table: HousekeptTable;
  cutoff: string;
  deleted: number;
  batches: number;
  /** The night's batch budget ran out: more old rows remain, for the next night. */
  leftOver: boolean;
}

/**
 * Nightly (maintenance.housekeeping): forgets what is only needed for a while — idempotency
 * keys after IDEMPOTENCY_TTL_HOURS, relayed outbox rows and the consumers' de-duplication
 * records after their retention — in batches of HOUSEKEEPING_BATCH_SIZE, at most
 * HOUSEKEEPING_MAX_BATCHES per table and night, so the job's work is bounded whatever the
 * backlog (a first run on an old database catches up over several nights).
 *
 * Why the retentions are safe: a consumed_events row only has to outlive the redelivery of its
 * event, and BullMQ keeps a completed job's id for a day (JOB_OPTIONS); the outbox row has been
 * relayed (unrelayed rows are never deleted) and what it caused is in the tables it changed.
 */
@Injectable()
export class HousekeepingService {
  private readonly logger = new Logger(HousekeepingService.name);

  constructor(
    @Inject(HousekeepingRepository) private readonly repository: HousekeepingRepository,
    @Inject(Clock) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async run(): Promise<HousekeepingTableOutcome[]> {
    const now = this.clock.now().getTime();
    const { outboxRetentionDays, consumedEventsRetentionDays } = this.config.housekeeping;
    const hours = (n: number) => new Date(now - n * 3_600_000);
    const cutoffs: Array<[HousekeptTable, Date]> = [
      ['idempotency_keys', hours(this.config.api.idempotencyTtlHours)],
      ['outbox_events', hours(outboxRetentionDays * 24)],
      ['consumed_events', hours(consumedEventsRetentionDays * 24)],
    ];
    const outcomes: HousekeepingTableOutcome[] = [];
    for (const [table, cutoff] of cutoffs) {
      outcomes.push(await this.purge(table, cutoff));
    }
    this.logger.log(
      `housekeeping: ${outcomes
        .map(
          (o) =>
            `${o.table} ${o.deleted} deleted${o.leftOver ? ' (more left for the next night)' : ''}`,
        )
        .join(', ')}`,
    );
    return outcomes;
  }

  private async purge(table: HousekeptTable, cutoff: Date): Promise<HousekeepingTableOutcome> {
    const { batchSize, maxBatches } = this.config.housekeeping;
    let deleted = 0;
    let batches = 0;
    let last = batchSize;
    while (last === batchSize && batches < maxBatches) {
      last = await this.repository.purgeBatch(table, cutoff, batchSize);
      deleted += last;
      batches++;
    }
    return {
      table,
      cutoff: cutoff.toISOString(),
      deleted,
      batches,
      leftOver: last === batchSize,
    };
  }
}
