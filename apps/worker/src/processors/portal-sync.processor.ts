import { Inject } from '@nestjs/common';
import { Processor } from '@nestjs/bullmq';
import { UnrecoverableError, type Job } from 'bullmq';
import { AppConfig } from '@app/config';
import { PortalReconciliationService, PortalSyncFailed, PortalSyncService } from '@app/core';
import { JobName, JobNameOf, QueueName, unhandledJob } from '@app/messaging';
import { QueueProcessorHost } from './queue-processor.host';
import { applicationIdJob, outboxEventMessage } from './job-payload.guard';

/** The national portal (DVCQG): outbox events, re-sends and the nightly reconciliation. */
@Processor(QueueName.PortalSync)
export class PortalSyncProcessor extends QueueProcessorHost {
  static readonly handles: ReadonlyArray<JobNameOf<QueueName.PortalSync>> = [
    JobName.PortalApplyEvent,
    JobName.PortalResync,
    JobName.PortalReconcile,
  ];

  constructor(
    @Inject(PortalSyncService) private readonly sync: PortalSyncService,
    @Inject(PortalReconciliationService) private readonly reconciliation: PortalReconciliationService,
  ) {
    super();
  }

  /** Each sync holds a database connection while it talks to the portal: few at once. */
  protected override concurrency(config: AppConfig): number {
    return config.national.dvcqg.concurrency;
  }

  async process(job: Job): Promise<unknown> {
    const name = job.name as JobNameOf<QueueName.PortalSync>;
    // attemptsMade counts the attempts that failed before this one.
    const attempt = { last: job.attemptsMade + 1 >= (job.opts.attempts ?? 1) };
    try {
      switch (name) {
        case JobName.PortalApplyEvent:
          return await this.sync.applyEvent(outboxEventMessage(job.data), attempt);
        case JobName.PortalResync:
          return await this.sync.sync(applicationIdJob(job.data).applicationId, attempt);
        case JobName.PortalReconcile:
          return await this.reconciliation.reconcile();
        default:
          return unhandledJob(name);
      }
    } catch (error) {
      // A refusal (or an unmapped procedure code) is dead-lettered at once: no retries.
      if (error instanceof PortalSyncFailed && error.permanent) {
        throw new UnrecoverableError(error.message);
      }
      throw error;
    }
  }
}
