import { Inject } from '@nestjs/common';
import { Processor } from '@nestjs/bullmq';
import type { Job } from 'bullmq';
import { DeadlineAlertService, DeadlineScheduleBatcher, StepDeadlineAlertService } from '@app/core';
import { QueueProcessorHost } from './queue-processor.host';
import { JobName, JobNameOf, QueueName, unhandledJob } from '@app/messaging';
import { deadlineAlertJob, outboxEventMessage, stepDeadlineAlertJob } from './job-payload.guard';

@Processor(QueueName.Deadlines)
export class DeadlinesProcessor extends QueueProcessorHost {
  static readonly handles: ReadonlyArray<JobNameOf<QueueName.Deadlines>> = [
    JobName.DeadlinesApplyEvent,
    JobName.DeadlineDueSoon,
    JobName.DeadlineDueNow,
    JobName.DeadlineOverdue,
    JobName.StepDueSoon,
    JobName.StepOverdue,
  ];

  constructor(
    @Inject(DeadlineScheduleBatcher) private readonly schedule: DeadlineScheduleBatcher,
    @Inject(DeadlineAlertService) private readonly alerts: DeadlineAlertService,
    @Inject(StepDeadlineAlertService) private readonly stepAlerts: StepDeadlineAlertService,
  ) {
    super();
  }

  async process(job: Job): Promise<unknown> {
    const name = job.name as JobNameOf<QueueName.Deadlines>;
    switch (name) {
      case JobName.DeadlinesApplyEvent:
        return { applied: await this.schedule.submit(outboxEventMessage(job.data)) };
      case JobName.DeadlineDueSoon:
        return { outcome: await this.alerts.raise('due_soon', deadlineAlertJob(job.data)) };
      case JobName.DeadlineDueNow:
        return { outcome: await this.alerts.raise('due_now', deadlineAlertJob(job.data)) };
      case JobName.DeadlineOverdue:
        return { outcome: await this.alerts.raise('overdue', deadlineAlertJob(job.data)) };
      case JobName.StepDueSoon:
        return { outcome: await this.stepAlerts.raise('due_soon', stepDeadlineAlertJob(job.data)) };
      case JobName.StepOverdue:
        return { outcome: await this.stepAlerts.raise('overdue', stepDeadlineAlertJob(job.data)) };
      default:
        return unhandledJob(name);
    }
  }
}
