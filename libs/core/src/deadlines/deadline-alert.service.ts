import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@app/config';
import { deadlineAlertTimes, DeadlineAlertKind, runningClockStatuses } from '@app/domain';
import { DeadlineAlertRepository, WorkingCalendarService } from '@app/database';
import { DeadlineAlertJob } from '@app/messaging';
import { Clock } from '../clock/clock';
import { EscalationService } from '../escalations/escalation.service';

export type AlertOutcome = 'raised' | 'already_raised' | 'not_applicable' | 'not_yet';

/**
 * Runs a due-soon / due-now / overdue job: re-reads the application and raises the alert once
 * (deadline_alerts is unique per application, due date and kind), and in the same transaction
 * the escalation level it stands for.
 */
@Injectable()
export class DeadlineAlertService {
  constructor(
    @Inject(DeadlineAlertRepository) private readonly alerts: DeadlineAlertRepository,
    @Inject(WorkingCalendarService) private readonly calendars: WorkingCalendarService,
    @Inject(Clock) private readonly clock: Clock,
    @Inject(EscalationService) private readonly escalations: EscalationService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async raise(kind: DeadlineAlertKind, job: DeadlineAlertJob): Promise<AlertOutcome> {
    const dueAt = new Date(job.dueAt);
    const state = await this.alerts.findDeadlineState(job.applicationId);
    // Finished, paused (waiting for a supplement, or a payment when that pauses the clock), or
    // given another due date since the job was scheduled: nothing to do (a new due date has
    // its own jobs, scheduled when the wait ends).
    const running: readonly string[] = runningClockStatuses(this.config.rules);
    if (state && running.includes(state.status) && !state.dueAt) {
      // Bad data, not a moved date: the worker fails the job for good and raises the alarm.
      throw new RangeError(
        `application ${job.applicationId} is ${state.status} with a running clock but has no due date`,
      );
    }
    if (!state || !running.includes(state.status) || state.dueAt?.getTime() !== dueAt.getTime()) {
      return 'not_applicable';
    }
    const now = this.clock.now();
    const calendar = await this.calendars.current();
    const times = deadlineAlertTimes(dueAt, calendar, this.calendars.deadlinePolicy());
    if (now.getTime() < times[kind].getTime()) {
      return 'not_yet'; // fired early (clock skew): the sweep raises it when it is time
    }
    // The alert and the escalation it raises commit together.
    const inserted = await this.escalations.transaction(async (scope) => {
      const fresh = await this.alerts.insertAlertsReturning(
        [{ applicationId: job.applicationId, dueAt, kind, raisedAt: now, source: 'job' }],
        scope,
      );
      await this.escalations.raiseForAlerts(scope, fresh, now, calendar);
      return fresh.length;
    });
    return inserted === 1 ? 'raised' : 'already_raised';
  }
}
