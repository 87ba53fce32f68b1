import { Inject, Injectable } from '@nestjs/common';
import { deadlineAlertTimes, DeadlineAlertKind } from '@app/domain';
import { DeadlineAlertRepository, WorkingCalendarService } from '@app/database';
import { DeadlineAlertJob } from '@app/messaging';
import { Clock } from '../clock/clock';
import { EscalationService } from '../escalations/escalation.service';

export type AlertOutcome = 'raised' | 'already_raised' | 'not_applicable' | 'not_yet';

// The clock runs in these statuses; supplement_requested is open but paused.
const ALERTABLE = new Set(['received', 'processing', 'payment_required', 'withdrawal_requested']);

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
  ) {}

  async raise(kind: DeadlineAlertKind, job: DeadlineAlertJob): Promise<AlertOutcome> {
    const dueAt = new Date(job.dueAt);
    const state = await this.alerts.findDeadlineState(job.applicationId);
    // Finished, paused, or given another due date since the job was scheduled: nothing to do
    // (the new due date has its own jobs).
    if (!state || !ALERTABLE.has(state.status) || state.dueAt?.getTime() !== dueAt.getTime()) {
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
