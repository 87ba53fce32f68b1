import { Inject } from '@nestjs/common';
import { Processor } from '@nestjs/bullmq';
import { UnrecoverableError, type Job } from 'bullmq';
import {
  CitizenDeadlineSweepService,
  CitizenMailService,
  DeadlineSweepService,
  EmailDigestService,
  HousekeepingService,
  KpiReconciliationService,
  PeriodClosingService,
  PetitionMailService,
  PostalDispatchFailed,
  PostalDispatchService,
  SecurityRetentionService,
  UploadRetentionService,
} from '@app/core';
import { QueueProcessorHost } from './queue-processor.host';
import { JobName, JobNameOf, QueueName, unhandledJob } from '@app/messaging';
import { localDateRange, outboxEventMessage, petitionEventMessage } from './job-payload.guard';
import { batchedEvents } from './event-job';

@Processor(QueueName.Maintenance)
export class MaintenanceProcessor extends QueueProcessorHost {
  static readonly handles: ReadonlyArray<JobNameOf<QueueName.Maintenance>> = [
    JobName.SweepDeadlines,
    JobName.ReconcileKpi,
    JobName.ClosePeriods,
    JobName.SendEmailDigest,
    JobName.PurgeSecurityRecords,
    JobName.Housekeeping,
    JobName.CitizenMailApplyEvent,
    JobName.PostalApplyEvent,
    JobName.PetitionMailApplyEvent,
  ];

  constructor(
    @Inject(DeadlineSweepService) private readonly sweep: DeadlineSweepService,
    @Inject(KpiReconciliationService) private readonly reconciliation: KpiReconciliationService,
    @Inject(EmailDigestService) private readonly digest: EmailDigestService,
    @Inject(PeriodClosingService) private readonly periods: PeriodClosingService,
    @Inject(SecurityRetentionService) private readonly retention: SecurityRetentionService,
    @Inject(HousekeepingService) private readonly housekeeping: HousekeepingService,
    @Inject(UploadRetentionService) private readonly uploads: UploadRetentionService,
    @Inject(CitizenMailService) private readonly citizenMail: CitizenMailService,
    @Inject(PostalDispatchService) private readonly postal: PostalDispatchService,
    @Inject(CitizenDeadlineSweepService) private readonly citizenSweep: CitizenDeadlineSweepService,
    @Inject(PetitionMailService) private readonly petitionMail: PetitionMailService,
  ) {
    super();
  }

  async process(job: Job): Promise<unknown> {
    const name = job.name as JobNameOf<QueueName.Maintenance>;
    switch (name) {
      case JobName.SweepDeadlines:
        // The citizens' deadlines (PAKN, online checks) ride on the same job, under their own lock.
        return { ...(await this.sweep.sweep()), citizens: await this.citizenSweep.sweep() };
      case JobName.ReconcileKpi: {
        const { from, to } = localDateRange(job.data);
        const data = job.data as { nightly?: unknown; missingEverywhere?: unknown };
        return data.nightly === true
          ? this.reconciliation.reconcileNightly(to)
          : this.reconciliation.reconcile(from, to, {
              missingEverywhere: data.missingEverywhere === true,
            });
      }
      case JobName.ClosePeriods: {
        const outcome = await this.periods.closeEnded();
        return { ...outcome, adjustments: await this.periods.checkAdjustments() };
      }
      case JobName.SendEmailDigest:
        return this.digest.run();
      case JobName.PurgeSecurityRecords:
        // The daily retention job also drops abandoned uploads (application_files stays bounded).
        return { ...(await this.retention.purge()), ...(await this.uploads.purgeAbandoned()) };
      case JobName.Housekeeping:
        return this.housekeeping.run();
      case JobName.CitizenMailApplyEvent: {
        const batch = batchedEvents(job.data);
        return batch
          ? { outcomes: countOf(await this.citizenMail.handleBatch(batch)) }
          : { outcome: await this.citizenMail.handle(outboxEventMessage(job.data)) };
      }
      case JobName.PetitionMailApplyEvent:
        return { outcome: await this.petitionMail.handle(petitionEventMessage(job.data)) };
      case JobName.PostalApplyEvent:
        try {
          return await this.postal.handle(outboxEventMessage(job.data));
        } catch (error) {
          // The carrier refused the consignment: no retry (the shipment shows why).
          if (error instanceof PostalDispatchFailed && error.permanent) {
            throw new UnrecoverableError(error.message);
          }
          throw error;
        }
      default:
        return unhandledJob(name);
    }
  }
}

/** How many of each outcome, for the job's return value (Bull Board shows it). */
function countOf(outcomes: readonly string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const outcome of outcomes) {
    counts[outcome] = (counts[outcome] ?? 0) + 1;
  }
  return counts;
}
