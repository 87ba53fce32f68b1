import { Inject, Injectable } from '@nestjs/common';
import {
  DEADLINE_ALERT_KINDS,
  deadlineAlertTimes,
  DeadlineAlertKind,
  STEP_ALERT_KINDS,
  StepAlertKind,
} from '@app/domain';
import { ConsumedEventRepository, WorkingCalendarService } from '@app/database';
import {
  ApplicationEventType as E,
  JobName,
  JobQueues,
  NewJob,
  OutboxEventMessage,
  jobId,
} from '@app/messaging';
import { Clock } from '../clock/clock';

/** The name recorded in consumed_events: persisted, never change it. */
export const DEADLINES_CONSUMER = 'deadlines';

export const ALERT_JOB: Record<
  DeadlineAlertKind,
  JobName.DeadlineDueSoon | JobName.DeadlineDueNow | JobName.DeadlineOverdue
> = {
  due_soon: JobName.DeadlineDueSoon,
  due_now: JobName.DeadlineDueNow,
  overdue: JobName.DeadlineOverdue,
};

export const STEP_ALERT_JOB: Record<StepAlertKind, JobName.StepDueSoon | JobName.StepOverdue> = {
  due_soon: JobName.StepDueSoon,
  overdue: JobName.StepOverdue,
};

/** Events after which the application has a new (or first) running due date. */
const SCHEDULING_EVENTS: ReadonlySet<string> = new Set([
  E.Received,
  E.SupplementReceived,
  E.Apologized,
]);

/**
 * Schedules the delayed reminder jobs of an application's current due date. Job ids carry the
 * due date (`${applicationId}-${dueAtEpochMs}-${kind}`), so a new due date gets new jobs and
 * the old ones, when they fire, see the changed date and do nothing.
 */
@Injectable()
export class DeadlineScheduleConsumer {
  constructor(
    @Inject(ConsumedEventRepository) private readonly consumed: ConsumedEventRepository,
    @Inject(WorkingCalendarService) private readonly calendars: WorkingCalendarService,
    @Inject(JobQueues) private readonly queues: JobQueues,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  /** Returns false when the event had already been applied. */
  async apply(message: OutboxEventMessage): Promise<boolean> {
    // The jobs are added inside the transaction that records the event: if adding fails the
    // record rolls back and the event is retried; if the commit fails after the add, the retry
    // re-adds the same job ids, which BullMQ ignores.
    // The jobs are computed before the transaction (the calendar may need a pooled connection).
    const dueAt = message.payload.dueAt;
    const jobs =
      SCHEDULING_EVENTS.has(message.type) && dueAt
        ? await this.jobsFor(message.payload.applicationId, new Date(dueAt))
        : message.type === (E.HandedOver as string)
          ? await this.stepJobsFor(message)
          : [];
    const outcome = await this.consumed.runOnce(DEADLINES_CONSUMER, message.eventId, () =>
      this.queues.addBulk(jobs),
    );
    return outcome.applied;
  }

  async jobsFor(applicationId: string, dueAt: Date): Promise<Array<NewJob<JobName>>> {
    const times = deadlineAlertTimes(
      dueAt,
      await this.calendars.current(),
      this.calendars.deadlinePolicy(),
    );
    const now = this.clock.now().getTime();
    return DEADLINE_ALERT_KINDS.map((kind) => ({
      name: ALERT_JOB[kind],
      data: { applicationId, dueAt: dueAt.toISOString() },
      jobId: jobId(applicationId, dueAt.getTime(), kind),
      delay: Math.max(0, times[kind].getTime() - now),
    }));
  }

  /**
   * A hand-over opens a step with its own budget: remind the receiving department before its
   * due date and when it passes. Ids carry the step number, so each step gets its own jobs and
   * a job whose step has since been handed on does nothing.
   */
  async stepJobsFor(message: OutboxEventMessage): Promise<Array<NewJob<JobName>>> {
    const data = message.payload.data;
    const seq = data.seq;
    const stepDueAt = data.stepDueAt;
    if (typeof seq !== 'number' || typeof stepDueAt !== 'string') {
      return [];
    }
    const { applicationId } = message.payload;
    const dueAt = new Date(stepDueAt);
    const times = deadlineAlertTimes(
      dueAt,
      await this.calendars.current(),
      this.calendars.deadlinePolicy(),
    );
    const now = this.clock.now().getTime();
    return STEP_ALERT_KINDS.map((kind) => ({
      name: STEP_ALERT_JOB[kind],
      data: { applicationId, seq, dueAt: stepDueAt },
      jobId: jobId(applicationId, 'step', seq, kind),
      delay: Math.max(0, times[kind].getTime() - now),
    }));
  }
}
