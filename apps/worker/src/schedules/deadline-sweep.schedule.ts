import { Inject, Injectable, Logger } from '@nestjs/common';
import { Cron, CronExpression } from '@nestjs/schedule';
import { Clock } from '@app/core';
import { JobName, JobQueues, jobId } from '@app/messaging';

/**
 * Every minute, every replica enqueues the sweep of that minute under the same job id, so
 * BullMQ keeps one; the job itself also takes an advisory lock (style rule 7).
 */
@Injectable()
export class DeadlineSweepSchedule {
  private readonly logger = new Logger(DeadlineSweepSchedule.name);

  constructor(
    @Inject(JobQueues) private readonly queues: JobQueues,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  @Cron(CronExpression.EVERY_MINUTE, { name: 'deadline-sweep' })
  async tick(): Promise<void> {
    await this.enqueue(this.clock.now()).catch((error: Error) =>
      this.logger.warn(`could not enqueue the deadline sweep: ${error.message}`),
    );
  }

  async enqueue(at: Date): Promise<void> {
    const minute = new Date(Math.floor(at.getTime() / 60_000) * 60_000);
    await this.queues.add({
      name: JobName.SweepDeadlines,
      data: { tick: minute.toISOString() },
      jobId: jobId('sweep', minute.getTime()),
    });
  }
}
