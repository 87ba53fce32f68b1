import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@app/config';
import {
  DeadlineAlertKind,
  deadlineAlertTimes,
  runningClockStatuses,
  DeadlinePolicy,
  STEP_ALERT_KINDS,
  StepAlertKind,
  WorkingCalendar,
} from '@app/domain';
import {
  NotificationRepository,
  OpenStep,
  StepDeadlineAlertRepository,
  SweepSession,
  TransactionScope,
  WorkingCalendarService,
} from '@app/database';
import type { StepDeadlineAlertJob } from '@app/messaging';
import { Clock } from '../clock/clock';
import { vietnameseDateTime } from '../escalations/escalation-messages';
import { EscalationRecipients } from '../escalations/escalation-recipients';
import type { AlertOutcome } from './deadline-alert.service';

/** The `kind` of the notifications a step alert creates (persisted). */
export const STEP_DEADLINE_NOTIFICATION_KIND = 'step_deadline';

/** Title and body (Vietnamese) of a step reminder for the department holding the dossier. */
export function stepAlertMessage(
  kind: StepAlertKind,
  step: Pick<OpenStep, 'code' | 'procedureName' | 'dueAt'>,
): { title: string; body: string } {
  const subject = `Hồ sơ ${step.code} (${step.procedureName})`;
  const due = vietnameseDateTime(new Date(step.dueAt));
  switch (kind) {
    case 'due_soon':
      return {
        title: `Hồ sơ ${step.code} sắp hết hạn xử lý liên thông`,
        body: `${subject} được chuyển đến đơn vị để xử lý liên thông, hạn của bước này là ${due}. Đề nghị xử lý và chuyển tiếp kịp thời.`,
      };
    case 'overdue':
      return {
        title: `Hồ sơ ${step.code} quá hạn xử lý liên thông`,
        body: `${subject} đã quá hạn bước xử lý liên thông của đơn vị từ ${due}. Đơn vị để quá hạn bước này chịu trách nhiệm về việc chậm trễ.`,
      };
  }
}

/**
 * A liên thông step's own due-soon and overdue reminders (jobs scheduled on hand-over, repaired
 * by the sweep): once per (application, step, kind), to the holding department's assigned
 * officer or else its heads, never after the step was handed on.
 */
@Injectable()
export class StepDeadlineAlertService {
  constructor(
    @Inject(StepDeadlineAlertRepository) private readonly alerts: StepDeadlineAlertRepository,
    @Inject(NotificationRepository) private readonly notifications: NotificationRepository,
    @Inject(EscalationRecipients) private readonly people: EscalationRecipients,
    @Inject(WorkingCalendarService) private readonly calendars: WorkingCalendarService,
    @Inject(Clock) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * As for the application's own alerts: no reminders while the clock is paused (a supplement,
   * and a payment when it pauses the clock) or stopped — the domain's running-clock statuses.
   */
  private alertable(status: string): boolean {
    return (runningClockStatuses(this.config.rules) as readonly string[]).includes(status);
  }

  async raise(kind: StepAlertKind, job: StepDeadlineAlertJob): Promise<AlertOutcome> {
    const now = this.clock.now();
    const calendar = await this.calendars.current();
    const policy = this.calendars.deadlinePolicy();
    return this.alerts.transaction(async (scope) => {
      const step = await this.alerts.findOpenStep(scope, job.applicationId, job.seq);
      // Handed on, finished or paused since the job was scheduled: nothing to remind about.
      if (
        !step ||
        !this.alertable(step.status) ||
        new Date(step.dueAt).getTime() !== Date.parse(job.dueAt)
      ) {
        return 'not_applicable';
      }
      if (
        now.getTime() < deadlineAlertTimes(new Date(step.dueAt), calendar, policy)[kind].getTime()
      ) {
        return 'not_yet'; // fired early (clock skew): the sweep raises it when it is time
      }
      const raised = await this.notify(scope, [{ step, kind }], now, 'job');
      return raised === 1 ? 'raised' : 'already_raised';
    });
  }

  /**
   * For the deadline sweep: raises every step alert whose time has come and that the jobs
   * missed, a batch at a time, each batch in a short transaction of its own; returns how many
   * were new. `dueBefore`: alertsDueBefore (@app/domain) of the sweep's instant.
   */
  async sweep(
    session: SweepSession,
    now: Date,
    calendar: WorkingCalendar,
    policy: DeadlinePolicy,
    dueBefore: Record<DeadlineAlertKind, Date>,
    batchSize: number,
  ): Promise<number> {
    const bounds = STEP_ALERT_KINDS.map((kind) => ({ kind, before: dueBefore[kind] }));
    const running = runningClockStatuses(this.config.rules);
    let raised = 0;
    let after: { dueAt: Date; applicationId: string } | null = null;
    for (;;) {
      const page = await this.alerts.findCandidates(
        session.scope,
        running,
        bounds,
        after,
        batchSize,
      );
      const due: Array<{ step: OpenStep; kind: StepAlertKind }> = [];
      for (const step of page) {
        // The query decided which kinds have come; the domain's times agree (a unit test
        // holds them together), checked again so a disagreement raises nothing early.
        const times = deadlineAlertTimes(new Date(step.dueAt), calendar, policy);
        for (const kind of step.kinds) {
          if (times[kind].getTime() <= now.getTime()) {
            due.push({ step, kind });
          }
        }
      }
      if (due.length > 0) {
        raised += await session.transaction((scope) => this.notify(scope, due, now, 'sweep'));
      }
      if (page.length < batchSize) {
        return raised;
      }
      const last = page[page.length - 1];
      after = { dueAt: new Date(last.baseDueAt), applicationId: last.applicationId };
    }
  }

  private async notify(
    scope: TransactionScope,
    due: ReadonlyArray<{ step: OpenStep; kind: StepAlertKind }>,
    now: Date,
    source: 'job' | 'sweep',
  ): Promise<number> {
    const fresh = await this.alerts.insertReturning(
      scope,
      due.map(({ step, kind }) => ({
        applicationId: step.applicationId,
        seq: step.seq,
        kind,
        departmentId: step.toDepartmentId,
        raisedAt: now,
        source,
      })),
    );
    for (const alert of fresh) {
      const { step } = due.find(
        (d) =>
          d.step.applicationId === alert.applicationId &&
          d.step.seq === alert.seq &&
          d.kind === alert.kind,
      )!;
      const people = await this.people.handlerOrHeads(scope, {
        assignedOfficerId: step.assignedOfficerId,
        holdingDepartmentId: step.toDepartmentId,
      });
      const message = stepAlertMessage(alert.kind, step);
      await this.notifications.insertMany(
        scope,
        people.map((p) => ({
          userId: p.id,
          kind: STEP_DEADLINE_NOTIFICATION_KIND,
          applicationId: step.applicationId,
          ...message,
          createdAt: now,
        })),
      );
    }
    return fresh.length;
  }
}
