import { Inject } from '@nestjs/common';
import { Processor } from '@nestjs/bullmq';
import type { Job } from 'bullmq';
import { setTimeout as sleep } from 'node:timers/promises';
import { APP_CONFIG, AppConfig } from '@app/config';
import { KpiRollupBatcher } from '@app/core';
import { QueueProcessorHost } from './queue-processor.host';
import { JobName, JobNameOf, QueueName, unhandledJob } from '@app/messaging';
import { applyEventJob } from './event-job';

@Processor(QueueName.KpiRollups)
export class KpiRollupsProcessor extends QueueProcessorHost {
  static readonly handles: ReadonlyArray<JobNameOf<QueueName.KpiRollups>> = [JobName.KpiApplyEvent];

  constructor(
    @Inject(KpiRollupBatcher) private readonly batcher: KpiRollupBatcher,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    super();
  }

  /** Each active job waits in the batcher: the concurrency is the batch it can gather. */
  protected override concurrency(config: AppConfig): number {
    return config.queues.kpiConcurrency;
  }

  async process(job: Job): Promise<unknown> {
    const name = job.name as JobNameOf<QueueName.KpiRollups>;
    switch (name) {
      case JobName.KpiApplyEvent: {
        // Test-only slow-down (KPI_CONSUMER_DELAY_MS, 0 in production), on both sides of the
        // commit: a SIGKILL then lands before the effect or between it and the job's completion.
        const delay = this.config.queues.kpiConsumerDelayMs / 2;
        if (delay > 0) {
          await sleep(delay);
        }
        const outcome = await applyEventJob(job.data, (message) => this.batcher.submit(message));
        if (delay > 0) {
          await sleep(delay);
        }
        return outcome;
      }
      default:
        return unhandledJob(name);
    }
  }
}
