import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@app/config';
import { HousekeepingRepository, HousekeptTable, MONTH_PARTITIONED_TABLES } from '@app/database';
import { addLocalMonths, atLocalTime, toLocalDate } from '@app/domain';
import { Clock } from '../clock/clock';

export interface HousekeepingTableOutcome {
  table: HousekeptTable;
  cutoff: string;
  deleted: number;
  batches: number;
  /** The night's batch budget ran out: more old rows remain, for the next night. */
  leftOver: boolean;
  /** Whole months dropped ('YYYYMM'): every row in them was past retention. */
  droppedMonths: string[];
}

/** Months ahead of the current one that must have their partition (created nightly). */
export const PARTITION_MONTHS_AHEAD = 3;

/**
 * Nightly (maintenance.housekeeping): forgets what is only needed for a while — idempotency
 * keys after IDEMPOTENCY_TTL_HOURS, relayed outbox rows and the consumers' de-duplication
 * records after their retention — in batches of HOUSEKEEPING_BATCH_SIZE, at most
 * HOUSEKEEPING_MAX_BATCHES per table and night, so the job's work is bounded whatever the
 * backlog (a first run on an old database catches up over several nights).
 *
 * The outbox and the consumers' records are partitioned by local month: a month whose every
 * row is past retention is dropped whole (an outbox month only once all its rows are relayed),
 * so their rows are kept between the retention and the retention plus a month; rows are
 * deleted one by one only in the DEFAULT partition. Each night also creates the partitions of
 * the current month and the next PARTITION_MONTHS_AHEAD (history too), so rows seldom fall into
 * the DEFAULT partition.
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
    await this.createMonthsAhead(new Date(now));
    const outcomes: HousekeepingTableOutcome[] = [];
    for (const [table, cutoff] of cutoffs) {
      const droppedMonths =
        table === 'idempotency_keys' ? [] : await this.dropMonths(table, cutoff);
      outcomes.push({ ...(await this.purge(table, cutoff)), droppedMonths });
    }
    this.logger.log(
      `housekeeping: ${outcomes
        .map(
          (o) =>
            `${o.table} ${o.deleted} deleted${o.leftOver ? ' (more left for the next night)' : ''}${
              o.droppedMonths.length > 0 ? `, months ${o.droppedMonths.join(' ')} dropped` : ''
            }`,
        )
        .join(', ')}`,
    );
    return outcomes;
  }

  /** The partitions of this month and the next PARTITION_MONTHS_AHEAD, where missing. */
  private async createMonthsAhead(now: Date): Promise<void> {
    const thisMonth = `${toLocalDate(now).slice(0, 7)}-01`;
    for (const table of MONTH_PARTITIONED_TABLES) {
      for (let ahead = 0; ahead <= PARTITION_MONTHS_AHEAD; ahead++) {
        const month = addLocalMonths(thisMonth, ahead);
        try {
          if (await this.repository.ensureMonthPartition(table, month)) {
            this.logger.log(`housekeeping: partition of ${table} for ${month.slice(0, 7)} created`);
          }
        } catch (error) {
          // E.g. the DEFAULT partition already holds rows of that month, or the lock wait timed
          // out: rows still land in the DEFAULT partition meanwhile, nothing is lost.
          this.logger.error(
            `housekeeping: could not create the partition of ${table} for ${month.slice(0, 7)}: ${(error as Error).message}`,
          );
        }
      }
    }
  }

  /** Drops the months of `table` that end at or before `cutoff`. */
  private async dropMonths(
    table: Exclude<HousekeptTable, 'idempotency_keys'>,
    cutoff: Date,
  ): Promise<string[]> {
    const dropped: string[] = [];
    for (const yyyymm of await this.repository.monthPartitions(table)) {
      const monthEnd = atLocalTime(
        addLocalMonths(`${yyyymm.slice(0, 4)}-${yyyymm.slice(4)}-01`, 1),
        0,
      );
      if (monthEnd.getTime() > cutoff.getTime()) {
        break; // oldest first: the later ones are younger still
      }
      if (await this.repository.dropMonthPartition(table, yyyymm)) {
        dropped.push(yyyymm);
      } else {
        this.logger.warn(`housekeeping: ${table} month ${yyyymm} kept: it holds unrelayed events`);
      }
    }
    return dropped;
  }

  private async purge(
    table: HousekeptTable,
    cutoff: Date,
  ): Promise<Omit<HousekeepingTableOutcome, 'droppedMonths'>> {
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
