import { Inject, Injectable, Logger } from '@nestjs/common';
import { Cron } from '@nestjs/schedule';
import { Clock } from '@app/core';
import { toLocalDate } from '@app/domain';
import { JobName, JobQueues, jobId } from '@app/messaging';

/**
 * Nightly, after midnight and once the previous day's events have landed: close the reporting
 * periods that ended (chốt số liệu) and look for adjustments to closed ones (one job per day).
 */
@Injectable()
export class PeriodClosingSchedule {
  private readonly logger = new Logger(PeriodClosingSchedule.name);

  constructor(
    @Inject(JobQueues) private readonly queues: JobQueues,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  @Cron('0 45 0 * * *', { name: 'close-periods', timeZone: 'Asia/Ho_Chi_Minh' })
  async tick(): Promise<void> {
    const day = toLocalDate(this.clock.now());
    await this.queues
      .add({ name: JobName.ClosePeriods, data: { day }, jobId: jobId('close-periods', day) })
      .catch((error: Error) =>
        this.logger.warn(`could not enqueue period closing: ${error.message}`),
      );
  }
}
