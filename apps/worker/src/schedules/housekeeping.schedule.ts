import { Inject, Injectable, Logger } from '@nestjs/common';
import { Cron } from '@nestjs/schedule';
import { Clock } from '@app/core';
import { toLocalDate } from '@app/domain';
import { JobName, JobQueues, jobId } from '@app/messaging';

/** Daily at 02:45, after the security retention: bounded housekeeping (one job per day). */
@Injectable()
export class HousekeepingSchedule {
  private readonly logger = new Logger(HousekeepingSchedule.name);

  constructor(
    @Inject(JobQueues) private readonly queues: JobQueues,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  @Cron('0 45 2 * * *', { name: 'housekeeping', timeZone: 'Asia/Ho_Chi_Minh' })
  async tick(): Promise<void> {
    const day = toLocalDate(this.clock.now());
    await this.queues
      .add({ name: JobName.Housekeeping, data: { day }, jobId: jobId('housekeeping', day) })
      .catch((error: Error) =>
        this.logger.warn(`could not enqueue the housekeeping: ${error.message}`),
      );
  }
}
