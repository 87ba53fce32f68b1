import { Inject, Injectable } from '@nestjs/common';
import { deadlineAlertTimes, DeadlineAlertKind } from '@app/domain';
import { DeadlineAlertRepository, WorkingCalendarService } from '@app/database';
import { DeadlineAlertJob } from '@app/messaging';
import { Clock } from '../clock/clock';

export type AlertOutcome = 'raised' | 'already_raised' | 'not_applicable' | 'not_yet';

// The clock runs in these statuses; supplement_requested is open but paused.
const ALERTABLE = new Set(['received', 'processing', 'payment_required', 'withdrawal_requested']);

/**
 * Runs a due-soon / due-now / overdue job: re-reads the application and raises the alert once
 * (deadline_alerts is unique per application, due date and kind). Escalations and
 * notifications build on these rows.
 */
@Injectable()
export class DeadlineAlertService {
  constructor(
    @Inject(DeadlineAlertRepository) private readonly alerts: DeadlineAlertRepository,
    @Inject(WorkingCalendarService) private readonly calendars: WorkingCalendarService,
    @Inject(Clock) private readonly clock: Clock,
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
    const times = deadlineAlertTimes(
      dueAt,
      await this.calendars.current(),
      this.calendars.deadlinePolicy(),
    );
    if (now.getTime() < times[kind].getTime()) {
      return 'not_yet'; // fired early (clock skew): the sweep raises it when it is time
    }
    const inserted = await this.alerts.insertAlerts([
      { applicationId: job.applicationId, dueAt, kind, raisedAt: now, source: 'job' },
    ]);
    return inserted === 1 ? 'raised' : 'already_raised';
  }
}
