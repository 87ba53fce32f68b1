import { Inject, Injectable, Logger } from '@nestjs/common';
import { Cron } from '@nestjs/schedule';
import { Clock } from '@app/core';
import { addLocalDays, toLocalDate } from '@app/domain';
import { JobName, JobQueues, jobId } from '@app/messaging';

/** Nightly, after the day's events have landed: reconcile yesterday's roll-ups (one job per day). */
@Injectable()
export class KpiReconciliationSchedule {
  private readonly logger = new Logger(KpiReconciliationSchedule.name);

  constructor(
    @Inject(JobQueues) private readonly queues: JobQueues,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  @Cron('0 30 1 * * *', { name: 'kpi-reconciliation', timeZone: 'Asia/Ho_Chi_Minh' })
  async tick(): Promise<void> {
    const yesterday = addLocalDays(toLocalDate(this.clock.now()), -1);
    await this.queues
      .add({
        name: JobName.ReconcileKpi,
        data: { from: yesterday, to: yesterday },
        jobId: jobId('reconcile', yesterday),
      })
      .catch((error: Error) =>
        this.logger.warn(`could not enqueue reconciliation: ${error.message}`),
      );
  }
}
