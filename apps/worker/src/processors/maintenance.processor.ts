import { Inject } from '@nestjs/common';
import { Processor } from '@nestjs/bullmq';
import type { Job } from 'bullmq';
import {
  DeadlineSweepService,
  EmailDigestService,
  HousekeepingService,
  KpiReconciliationService,
  PeriodClosingService,
  SecurityRetentionService,
} from '@app/core';
import { QueueProcessorHost } from './queue-processor.host';
import { JobName, JobNameOf, QueueName, unhandledJob } from '@app/messaging';
import { localDateRange } from './job-payload.guard';

@Processor(QueueName.Maintenance)
export class MaintenanceProcessor extends QueueProcessorHost {
  static readonly handles: ReadonlyArray<JobNameOf<QueueName.Maintenance>> = [
    JobName.SweepDeadlines,
    JobName.ReconcileKpi,
    JobName.ClosePeriods,
    JobName.SendEmailDigest,
    JobName.PurgeSecurityRecords,
    JobName.Housekeeping,
  ];

  constructor(
    @Inject(DeadlineSweepService) private readonly sweep: DeadlineSweepService,
    @Inject(KpiReconciliationService) private readonly reconciliation: KpiReconciliationService,
    @Inject(EmailDigestService) private readonly digest: EmailDigestService,
    @Inject(PeriodClosingService) private readonly periods: PeriodClosingService,
    @Inject(SecurityRetentionService) private readonly retention: SecurityRetentionService,
    @Inject(HousekeepingService) private readonly housekeeping: HousekeepingService,
  ) {
    super();
  }

  async process(job: Job): Promise<unknown> {
    const name = job.name as JobNameOf<QueueName.Maintenance>;
    switch (name) {
      case JobName.SweepDeadlines:
        return this.sweep.sweep();
      case JobName.ReconcileKpi: {
        const { from, to } = localDateRange(job.data);
        return (job.data as { nightly?: unknown }).nightly === true
          ? this.reconciliation.reconcileNightly(to)
          : this.reconciliation.reconcile(from, to);
      }
      case JobName.ClosePeriods: {
        const outcome = await this.periods.closeEnded();
        return { ...outcome, adjustments: await this.periods.checkAdjustments() };
      }
      case JobName.SendEmailDigest:
        return this.digest.run();
      case JobName.PurgeSecurityRecords:
        return this.retention.purge();
      case JobName.Housekeeping:
        return this.housekeeping.run();
      default:
        return unhandledJob(name);
    }
  }
}
