import { Inject, Injectable, Logger } from '@nestjs/common';
import { Cron } from '@nestjs/schedule';
import { Clock } from '@app/core';
import { toLocalDate } from '@app/domain';
import { JobName, JobQueues, jobId } from '@app/messaging';

/** Daily at 02:15: the security records' retention (one job per day, whichever replica adds it). */
@Injectable()
export class SecurityRetentionSchedule {
  private readonly logger = new Logger(SecurityRetentionSchedule.name);

  constructor(
    @Inject(JobQueues) private readonly queues: JobQueues,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  @Cron('0 15 2 * * *', { name: 'security-retention', timeZone: 'Asia/Ho_Chi_Minh' })
  async tick(): Promise<void> {
    const day = toLocalDate(this.clock.now());
    await this.queues
      .add({
        name: JobName.PurgeSecurityRecords,
        data: { day },
        jobId: jobId('security-retention', day),
      })
      .catch((error: Error) =>
        this.logger.warn(`could not enqueue the security retention: ${error.message}`),
      );
  }
}
