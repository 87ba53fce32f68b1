import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@app/config';
import {
  ApplicationStatus,
  atLocalTime,
  DeadlineAlertKind,
  DeadlinePolicy,
  DEADLINE_ALERT_KINDS,
  deadlineAlertTimes,
  runningClockStatuses,
  toLocalDate,
  WorkingCalendar,
} from '@app/domain';
import {
  DeadlineAlertRepository,
  NewDeadlineAlert,
  TransactionScope,
  WorkingCalendarService,
} from '@app/database';
import { MetricsRegistry } from '@app/observability';
import { Clock } from '../clock/clock';
import { EscalationService } from '../escalations/escalation.service';
import { StepDeadlineAlertService } from './step-deadline-alert.service';

const PAGE = 1000;

export interface SweepResult {
  /** false: another replica held the sweep lock, this run did nothing. */
  ran: boolean;
  examined: number;
  raised: number;
  /** Escalations raised from the new alerts, plus level 4 for long-overdue applications. */
  escalated: number;
  /** Liên thông steps' own reminders the jobs had missed. */
  stepAlerts: number;
}

/**
 * Repairs what the delayed jobs missed (Redis lost its data, a worker was down): on one
 * replica at a time, finds open applications overdue or due within a working day through the
 * partial index and raises every alert whose time has come and that is not raised yet.
 */
@Injectable()
export class DeadlineSweepService {
  private readonly logger = new Logger(DeadlineSweepService.name);

  constructor(
    @Inject(DeadlineAlertRepository) private readonly alerts: DeadlineAlertRepository,
    @Inject(WorkingCalendarService) private readonly calendars: WorkingCalendarService,
    @Inject(Clock) private readonly clock: Clock,
    @Inject(EscalationService) private readonly escalations: EscalationService,
    @Inject(StepDeadlineAlertService) private readonly stepAlerts: StepDeadlineAlertService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(MetricsRegistry) private readonly metrics: MetricsRegistry,
  ) {}

  async sweep(): Promise<SweepResult> {
    const now = this.clock.now();
    const calendar = await this.calendars.current();
    const policy = this.calendars.deadlinePolicy();
    const running = runningClockStatuses(this.config.rules);
    // A due-soon alert fires one working day ahead, so anything due up to the end of the next
    // working day may need one now.
    const horizon = atLocalTime(calendar.nextWorkingDay(toLocalDate(now)), 24);
    const outcome = await this.alerts.withSweepLock(async (scope) => {
      let examined = 0;
      let raised = 0;
      let escalated = 0;
      let after: { dueAt: Date; id: string } | null = null;
      for (;;) {
        const page = await this.alerts.findAlertCandidates(scope, running, horizon, after, PAGE);
        examined += page.length;
        const due: NewDeadlineAlert[] = [];
        for (const { id, dueAt } of page) {
          const times = this.alertTimesOrReport(id, new Date(dueAt), calendar, policy);
          if (!times) {
            continue;
          }
          for (const kind of DEADLINE_ALERT_KINDS) {
            if (times[kind].getTime() <= now.getTime()) {
              due.push({
                applicationId: id,
                dueAt: new Date(dueAt),
                kind,
                raisedAt: now,
                source: 'sweep',
              });
            }
          }
        }
        const fresh = await this.alerts.insertAlertsReturning(due, scope);
        raised += fresh.length;
        escalated += await this.escalations.raiseForAlerts(scope, fresh, now, calendar);
        if (page.length < PAGE) {
          await this.reportMissingDueDates(scope, running);
          // Level 4 (overdue by N working days) has no alert of its own: the sweep raises it.
          escalated += await this.escalations.raiseOverdueBy(scope, now, calendar);
          const stepAlerts = await this.stepAlerts.sweepIn(scope, now, calendar, policy, horizon);
          return { examined, raised, escalated, stepAlerts };
        }
        const last = page[page.length - 1];
        after = { dueAt: new Date(last.dueAt), id: last.id };
      }
    });
    if (!outcome.locked) {
      return { ran: false, examined: 0, raised: 0, escalated: 0, stepAlerts: 0 };
    }
    const missed = outcome.result.raised + outcome.result.stepAlerts;
    if (missed > 0) {
      this.logger.warn(`deadline sweep raised ${missed} alert(s) the jobs had missed`);
    }
    return { ran: true, ...outcome.result };
  }

  /** A row whose reminder times cannot be computed is reported, and the others still run. */
  private alertTimesOrReport(
    id: string,
    dueAt: Date,
    calendar: WorkingCalendar,
    policy: DeadlinePolicy,
  ): Record<DeadlineAlertKind, Date> | null {
    try {
      return deadlineAlertTimes(dueAt, calendar, policy);
    } catch (error) {
      if (!(error instanceof RangeError)) {
        throw error;
      }
      this.metrics.deadlineJobsUnrecoverable.inc({ job: 'deadline-sweep' });
      this.logger.error(`deadline sweep: application ${id} has a bad due date: ${error.message}`);
      return null;
    }
  }

  /** Open, clock running, no due date: no reminder can ever fire for these, so say so. */
  private async reportMissingDueDates(
    scope: TransactionScope,
    running: readonly ApplicationStatus[],
  ): Promise<void> {
    const ids = await this.alerts.findRunningWithoutDueDate(scope, running, 20);
    if (ids.length > 0) {
      this.metrics.deadlineJobsUnrecoverable.inc({ job: 'deadline-sweep' }, ids.length);
      this.logger.error(
        `deadline sweep: ${ids.length} open application(s) with a running clock have no due date, so no reminder: ${ids.join(', ')}`,
      );
    }
  }
}
