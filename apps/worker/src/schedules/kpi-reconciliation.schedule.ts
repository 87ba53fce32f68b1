import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { Cron } from '@nestjs/schedule';
import { Clock } from '@app/core';
import { addLocalDays, toLocalDate } from '@app/domain';
import { JobName, JobQueues, jobId } from '@app/messaging';

/**
 * Nightly, after the day's events have landed: reconcile the roll-ups of yesterday and of any
 * night missed since the last run (one job per day; see reconcileNightly).
 * Also once a day at start: today's reconciliation, which then also computes every received
 * application without KPI facts, whatever its day (after the upgrade that introduced them, or
 * a crash), so the figures catch up by themselves. The nightly runs look for those only among
 * their days' receptions: the search over every application took 9 s at 10 M.
 */
@Injectable()
export class KpiReconciliationSchedule implements OnApplicationBootstrap {
  private readonly logger = new Logger(KpiReconciliationSchedule.name);

  constructor(
    @Inject(JobQueues) private readonly queues: JobQueues,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const today = toLocalDate(this.clock.now());
    await this.queues
      .add({
        name: JobName.ReconcileKpi,
        data: { from: today, to: today, missingEverywhere: true },
        jobId: jobId('reconcile-at-start', today),
      })
      .catch((error: Error) =>
        this.logger.warn(`could not enqueue the start-up reconciliation: ${error.message}`),
      );
  }

  @Cron('0 30 1 * * *', { name: 'kpi-reconciliation', timeZone: 'Asia/Ho_Chi_Minh' })
  async tick(): Promise<void> {
    const yesterday = addLocalDays(toLocalDate(this.clock.now()), -1);
    await this.queues
      .add({
        name: JobName.ReconcileKpi,
        data: { from: yesterday, to: yesterday, nightly: true },
        jobId: jobId('reconcile', yesterday),
      })
      .catch((error: Error) =>
        this.logger.warn(`could not enqueue reconciliation: ${error.message}`),
      );
  }
}
