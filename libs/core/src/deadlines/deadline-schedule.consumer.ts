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
import { appliedOnce } from '../events/applied-once';

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

/**
 * Events after which the application has a new (or first) running due date. A confirmed
 * payment moves the date only when payment pauses the clock; its event then carries it.
 */
const SCHEDULING_EVENTS: ReadonlySet<string> = new Set([
  E.Received,
  E.SupplementReceived,
  E.Apologized,
  E.PaymentConfirmed,
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
    const [applied] = await this.applyBatch([message]);
    return applied;
  }

  /**
   * Schedules the jobs of a batch of events in one transaction: the events are recorded and
   * their jobs added inside it, so if adding fails the records roll back and the events are
   * retried; if the commit fails after the add, the retry re-adds the same job ids, which
   * BullMQ ignores. Returns, per message, whether this call applied it.
   */
  async applyBatch(messages: readonly OutboxEventMessage[]): Promise<boolean[]> {
    if (messages.length === 0) {
      return [];
    }
    // Computed before the transaction (the calendar may need a pooled connection).
    const jobsByEvent = new Map<string, Array<NewJob<JobName>>>();
    for (const message of messages) {
      if (!jobsByEvent.has(message.eventId)) {
        // The reminders continue the trace of the request that caused them.
        const jobs = await this.jobsOf(message);
        jobsByEvent.set(
          message.eventId,
          jobs.map((job) => ({ ...job, traceContext: message.traceContext })),
        );
      }
    }
    const { freshIds } = await this.consumed.runOnceEach(
      DEADLINES_CONSUMER,
      messages,
      (_scope, fresh) => this.queues.addBulk([...fresh].flatMap((id) => jobsByEvent.get(id) ?? [])),
    );
    return appliedOnce(messages, freshIds);
  }

  private jobsOf(message: OutboxEventMessage): Promise<Array<NewJob<JobName>>> {
    const dueAt = message.payload.dueAt;
    // A payment confirmed without pausing the clock leaves the date, and its jobs, as they were.
    const moved =
      message.type !== (E.PaymentConfirmed as string) || 'dueAt' in message.payload.data;
    if (SCHEDULING_EVENTS.has(message.type) && dueAt && moved) {
      return this.jobsFor(message.payload.applicationId, new Date(dueAt));
    }
    if (message.type === (E.HandedOver as string)) {
      return this.stepJobsFor(message);
    }
    return Promise.resolve([]);
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
