import { Inject, Injectable, Logger } from '@nestjs/common';
import { Cron } from '@nestjs/schedule';
import { Clock } from '@app/core';
import { JobName, JobQueues, jobId } from '@app/messaging';

/**
 * Every quarter hour, every replica enqueues that quarter's digest under the same job id, so
 * BullMQ keeps one. The job checks office hours and working days itself (WorkingCalendar +
 * Clock), so a notice that moves a day off needs no cron change.
 */
@Injectable()
export class EmailDigestSchedule {
  private readonly logger = new Logger(EmailDigestSchedule.name);

  constructor(
    @Inject(JobQueues) private readonly queues: JobQueues,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  @Cron('0 */15 * * * *', { name: 'email-digest', timeZone: 'Asia/Ho_Chi_Minh' })
  async tick(): Promise<void> {
    await this.enqueue(this.clock.now()).catch((error: Error) =>
      this.logger.warn(`could not enqueue the e-mail digest: ${error.message}`),
    );
  }

  async enqueue(at: Date): Promise<void> {
    const quarter = new Date(Math.floor(at.getTime() / 900_000) * 900_000);
    await this.queues.add({
      name: JobName.SendEmailDigest,
      data: { tick: quarter.toISOString() },
      jobId: jobId('digest', quarter.getTime()),
    });
  }
}
