import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@app/config';
import {
  alertsDueBefore,
  ApplicationStatus,
  DeadlineAlertKind,
  DeadlinePolicy,
  deadlineAlertTimes,
  runningClockStatuses,
  WorkingCalendar,
} from '@app/domain';
import {
  DeadlineAlertRepository,
  NewDeadlineAlert,
  SweepSession,
  WorkingCalendarService,
} from '@app/database';
import { MetricsRegistry } from '@app/observability';
import { Clock } from '../clock/clock';
import { EscalationService } from '../escalations/escalation.service';
import { StepDeadlineAlertService } from './step-deadline-alert.service';

export interface SweepResult {
  /** false: another replica held the sweep lock, this run did nothing. */
  ran: boolean;
  examined: number;
  raised: number;
  /** Escalations raised from the new alerts, plus level 4 for long-overdue applications. */
  escalated: number;
  /** Liên thông steps' own reminders raised by this run. */
  stepAlerts: number;
}

/**
 * Raises the deadline reminders whose time has come. With DEADLINE_REMINDERS=sweep (the
 * default) it is how every reminder is raised, at most a minute late; with =jobs it repairs
 * what the delayed jobs missed (Redis lost its data, a worker was down). On one replica at a
 * time (a session advisory lock), it finds through the partial index the open applications
 * that miss a reminder whose time has come, and raises it. Bounded work: batches
 * of SWEEP_BATCH_SIZE, each its own short transaction; no level is loaded before the index
 * says it is due (issue 14).
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
    // Per reminder kind, the due dates whose reminder has come: the index is asked for those
    // only, so nothing is loaded for a level that is not due.
    const dueBefore = alertsDueBefore(now, calendar, policy);
    const batchSize = this.config.sweep.batchSize;
    const outcome = await this.alerts.withSweepLock(async (session) => {
      const alerts = await this.sweepAlerts(session, now, calendar, policy, running, dueBefore);
      await this.reportMissingDueDates(session, running);
      // Level 4 (overdue by N working days) has no alert of its own: the sweep raises it.
      const level4 = await this.escalations.raiseOverdueBy(session, now, calendar, batchSize);
      const stepAlerts = await this.stepAlerts.sweep(
        session,
        now,
        calendar,
        policy,
        dueBefore,
        batchSize,
      );
      return { ...alerts, escalated: alerts.escalated + level4, stepAlerts };
    });
    if (!outcome.locked) {
      return { ran: false, examined: 0, raised: 0, escalated: 0, stepAlerts: 0 };
    }
    const raised = outcome.result.raised + outcome.result.stepAlerts;
    if (raised > 0 && this.config.sweep.reminders === 'jobs') {
      this.logger.warn(`deadline sweep raised ${raised} alert(s) the jobs had missed`);
    } else if (raised > 0) {
      this.logger.log(`deadline sweep raised ${raised} alert(s)`);
    }
    return { ran: true, ...outcome.result };
  }

  /**
   * The application's own reminders, a batch at a time: each batch holds only applications
   * that miss a reminder whose time has come, and is raised (alerts and their escalations) in
   * a short transaction of its own.
   */
  private async sweepAlerts(
    session: SweepSession,
    now: Date,
    calendar: WorkingCalendar,
    policy: DeadlinePolicy,
    running: readonly ApplicationStatus[],
    dueBefore: Record<DeadlineAlertKind, Date>,
  ): Promise<{ examined: number; raised: number; escalated: number }> {
    const batchSize = this.config.sweep.batchSize;
    let examined = 0;
    let raised = 0;
    let escalated = 0;
    let after: { dueAt: Date; id: string } | null = null;
    for (;;) {
      const page = await this.alerts.findAlertCandidates(
        session.scope,
        running,
        dueBefore,
        after,
        batchSize,
      );
      examined += page.length;
      const due: NewDeadlineAlert[] = [];
      for (const { id, dueAt, kinds } of page) {
        const times = this.alertTimesOrReport(id, new Date(dueAt), calendar, policy);
        if (!times) {
          continue;
        }
        // The query decided which kinds have come; the domain's times agree (a unit test holds
        // them together), checked again so that a disagreement never raises early.
        for (const kind of kinds) {
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
      if (due.length > 0) {
        const batch = await session.transaction(async (scope) => {
          const fresh = await this.alerts.insertAlertsReturning(due, scope);
          return {
            raised: fresh.length,
            escalated: await this.escalations.raiseForAlerts(scope, fresh, now, calendar),
          };
        });
        raised += batch.raised;
        escalated += batch.escalated;
      }
      if (page.length < batchSize) {
        return { examined, raised, escalated };
      }
      const last = page[page.length - 1];
      after = { dueAt: new Date(last.dueAt), id: last.id };
    }
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
    session: SweepSession,
    running: readonly ApplicationStatus[],
  ): Promise<void> {
    const ids = await this.alerts.findRunningWithoutDueDate(session.scope, running, 20);
    if (ids.length > 0) {
      this.metrics.deadlineJobsUnrecoverable.inc({ job: 'deadline-sweep' }, ids.length);
      this.logger.error(
        `deadline sweep: ${ids.length} open application(s) with a running clock have no due date, so no reminder: ${ids.join(', ')}`,
      );
    }
  }
}
