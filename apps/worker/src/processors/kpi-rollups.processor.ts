import { Inject } from '@nestjs/common';
import { Processor } from '@nestjs/bullmq';
import type { Job } from 'bullmq';
import { KpiRollupConsumer } from '@app/core';
import { QueueProcessorHost } from './queue-processor.host';
import { JobName, JobNameOf, QueueName, unhandledJob } from '@app/messaging';
import { outboxEventMessage } from './job-payload.guard';

@Processor(QueueName.KpiRollups)
export class KpiRollupsProcessor extends QueueProcessorHost {
  static readonly handles: ReadonlyArray<JobNameOf<QueueName.KpiRollups>> = [JobName.KpiApplyEvent];

  constructor(@Inject(KpiRollupConsumer) private readonly consumer: KpiRollupConsumer) {
    super();
  }

  async process(job: Job): Promise<unknown> {
    const name = job.name as JobNameOf<QueueName.KpiRollups>;
    switch (name) {
      case JobName.KpiApplyEvent:
        return { applied: await this.consumer.apply(outboxEventMessage(job.data)) };
      default:
        return unhandledJob(name);
    }
  }
}
