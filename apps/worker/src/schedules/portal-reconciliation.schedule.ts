import { Inject, Injectable, Logger } from '@nestjs/common';
import { Cron } from '@nestjs/schedule';
import { Clock } from '@app/core';
import { toLocalDate } from '@app/domain';
import { JobName, JobQueues, jobId } from '@app/messaging';

/**
 * Nightly at 02:45 (after the KPI work): compare the portal's copies of the dossiers changed
 * since the last run. One job per local day; the job itself finds where the last run stopped.
 */
@Injectable()
export class PortalReconciliationSchedule {
  private readonly logger = new Logger(PortalReconciliationSchedule.name);

  constructor(
    @Inject(JobQueues) private readonly queues: JobQueues,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  @Cron('0 45 2 * * *', { name: 'portal-reconciliation', timeZone: 'Asia/Ho_Chi_Minh' })
  async tick(): Promise<void> {
    const day = toLocalDate(this.clock.now());
    await this.queues
      .add({ name: JobName.PortalReconcile, data: { day }, jobId: jobId('portal-reconcile', day) })
      .catch((error: Error) =>
        this.logger.warn(`could not enqueue the portal reconciliation: ${error.message}`),
      );
  }
}
