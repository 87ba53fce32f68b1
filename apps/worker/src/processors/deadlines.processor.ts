import { Inject } from '@nestjs/common';
import { Processor } from '@nestjs/bullmq';
import { type Job, UnrecoverableError } from 'bullmq';
import { DeadlineAlertService, DeadlineScheduleBatcher, StepDeadlineAlertService } from '@app/core';
import { QueueProcessorHost } from './queue-processor.host';
import { JobName, JobNameOf, QueueName, unhandledJob } from '@app/messaging';
import { MetricsRegistry } from '@app/observability';
import { applyEventJob } from './event-job';
import { deadlineAlertJob, stepDeadlineAlertJob } from './job-payload.guard';

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
    @Inject(MetricsRegistry) private readonly registry: MetricsRegistry,
  ) {
    super();
  }

  /**
   * Bad data (a malformed payload, an impossible date, an open application without a due date)
   * never succeeds on a retry: the job fails for good, and says so loudly — an error log and a
   * metric to alert on — rather than leaving an application silently without reminders.
   */
  async process(job: Job): Promise<unknown> {
    try {
      return await this.run(job);
    } catch (error) {
      if (!(error instanceof UnrecoverableError || error instanceof RangeError)) {
        throw error; // a passing failure (database, Redis): BullMQ retries it
      }
      this.registry.deadlineJobsUnrecoverable.inc({ job: job.name });
      this.logger.error(
        `deadline job ${job.name} ${job.id ?? ''} stopped by bad data: ${error.message} (data: ${JSON.stringify(job.data)})`,
      );
      throw error instanceof UnrecoverableError ? error : new UnrecoverableError(error.message);
    }
  }

  private async run(job: Job): Promise<unknown> {
    const name = job.name as JobNameOf<QueueName.Deadlines>;
    switch (name) {
      case JobName.DeadlinesApplyEvent:
        return applyEventJob(job.data, (message) => this.schedule.submit(message));
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
