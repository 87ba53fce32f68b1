import { Inject } from '@nestjs/common';
import { Processor } from '@nestjs/bullmq';
import { UnrecoverableError, type Job } from 'bullmq';
import { AppConfig } from '@app/config';
import { PortalReconciliationService, PortalSyncFailed, PortalSyncService } from '@app/core';
import {
  JobName,
  JobNameOf,
  JobQueues,
  jobId,
  OutboxEventMessage,
  QueueName,
  unhandledJob,
} from '@app/messaging';
import { QueueProcessorHost } from './queue-processor.host';
import { applicationIdJob, outboxEventMessage } from './job-payload.guard';
import { batchedEvents } from './event-job';

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
    @Inject(PortalReconciliationService)
    private readonly reconciliation: PortalReconciliationService,
    @Inject(JobQueues) private readonly queues: JobQueues,
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
        case JobName.PortalApplyEvent: {
          const batch = batchedEvents(job.data);
          return batch
            ? await this.recordBatch(batch)
            : await this.sync.applyEvent(outboxEventMessage(job.data), attempt);
        }
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

  /**
   * A relay batch's events: their records in one statement, then one re-send job per dossier
   * to sync, so that each keeps its own retries and dead letter (the portal refusing one must
   * not hold the others back).
   */
  private async recordBatch(
    messages: OutboxEventMessage[],
  ): Promise<{ recorded: number; syncs: number }> {
    const toSync = await this.sync.recordEvents(messages);
    await this.queues.addBulk(
      toSync.map(({ applicationId, version }) => ({
        name: JobName.PortalResync,
        data: { applicationId },
        jobId: jobId('portal-sync', applicationId, version),
      })),
    );
    return { recorded: messages.length, syncs: toSync.length };
  }
}
