import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@app/config';
import {
  apologyTimelyUntil,
  DeadlineAlertKind,
  ESCALATION_LEVEL_OF_ALERT,
  escalationAudience,
  EscalationLevel,
  holdingDepartment,
  overdueByWorkingDaysAt,
  overdueByWorkingDaysDueBefore,
  resolveEscalationPolicy,
  responsibleDepartment,
  runningClockStatuses,
  suggestNewDueAt,
  WorkingCalendar,
} from '@app/domain';
import {
  ApplicationStepRepository,
  EscalationRecipient,
  EscalationRepository,
  EscalationSubject,
  NotificationRepository,
  SweepSession,
  TransactionScope,
  WorkingCalendarService,
} from '@app/database';
import { MetricsRegistry } from '@app/observability';
import { escalationMessage } from './escalation-messages';
import { EscalationRecipients } from './escalation-recipients';

/** The `kind` of the notifications an escalation creates (persisted). */
export const ESCALATION_NOTIFICATION_KIND = 'escalation';

/**
 * Raises escalations from deadline alerts, inside the transaction that inserted the alerts:
 * one row per (application, level, due date), one notification per recipient user, and the
 * apology draft at the levels that make one (escalationAudience). Level 4 (overdue by N
 * working days) is raised by the sweep.
 */
@Injectable()
export class EscalationService {
  constructor(
    @Inject(EscalationRepository) private readonly escalations: EscalationRepository,
    @Inject(NotificationRepository) private readonly notifications: NotificationRepository,
    @Inject(WorkingCalendarService) private readonly calendars: WorkingCalendarService,
    @Inject(MetricsRegistry) private readonly metrics: MetricsRegistry,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(ApplicationStepRepository) private readonly steps: ApplicationStepRepository,
    @Inject(EscalationRecipients) private readonly people: EscalationRecipients,
  ) {}

  /** Runs `work` in a transaction (for callers that insert alerts and escalate together). */
  transaction<T>(work: (scope: TransactionScope) => Promise<T>): Promise<T> {
    return this.escalations.transaction(work);
  }

  /** Raises the level of each newly inserted alert; returns how many escalations were new. */
  async raiseForAlerts(
    scope: TransactionScope,
    alerts: ReadonlyArray<{ applicationId: string; kind: DeadlineAlertKind }>,
    now: Date,
    calendar: WorkingCalendar,
  ): Promise<number> {
    // In level order, so an application swept past all three gets 1, 2, 3 in that order.
    const ordered = [...alerts].sort(
      (a, b) => ESCALATION_LEVEL_OF_ALERT[a.kind] - ESCALATION_LEVEL_OF_ALERT[b.kind],
    );
    let raised = 0;
    for (const alert of ordered) {
      const level = ESCALATION_LEVEL_OF_ALERT[alert.kind];
      raised += (await this.raise(scope, alert.applicationId, level, now, calendar)) ? 1 : 0;
    }
    return raised;
  }

  /**
   * Level 4 for every application overdue by its policy's N working days; returns how many.
   * For the sweep: candidates come a batch at a time from an index range bounded by the
   * smallest N in force, each one's own N is resolved from the override rows (read once), and
   * only those due are raised, each batch in a short transaction of its own.
   */
  async raiseOverdueBy(
    session: SweepSession,
    now: Date,
    calendar: WorkingCalendar,
    batchSize: number,
  ): Promise<number> {
    const running = runningClockStatuses(this.config.rules);
    const overrides = await this.escalations.allPolicyOverrides(session.scope);
    const smallestN = Math.min(
      this.config.escalations.overdueWorkingDays,
      ...overrides.flatMap((o) => (o.overdueWorkingDays === null ? [] : [o.overdueWorkingDays])),
    );
    const dueBefore = overdueByWorkingDaysDueBefore(now, smallestN, calendar);
    let raised = 0;
    let after: { dueAt: Date; id: string } | null = null;
    for (;;) {
      const page = await this.escalations.level4Candidates(
        session.scope,
        running,
        dueBefore,
        after,
        batchSize,
      );
      const due = page.filter((candidate) => {
        const n = resolveEscalationPolicy({
          departmentId: candidate.departmentId,
          procedureCode: candidate.procedureCode,
          procedureTimeLimit: null,
          overrides,
          defaults: this.config.escalations,
        }).overdueWorkingDays.value;
        return overdueByWorkingDaysAt(new Date(candidate.dueAt), n, calendar) <= now;
      });
      if (due.length > 0) {
        raised += await session.transaction(async (scope) => {
          let fresh = 0;
          for (const candidate of due) {
            fresh += (await this.raise(scope, candidate.id, 4, now, calendar)) ? 1 : 0;
          }
          return fresh;
        });
      }
      if (page.length < batchSize) {
        return raised;
      }
      const last = page[page.length - 1];
      after = { dueAt: new Date(last.dueAt), id: last.id };
    }
  }

  private async raise(
    scope: TransactionScope,
    applicationId: string,
    level: EscalationLevel,
    now: Date,
    calendar: WorkingCalendar,
  ): Promise<boolean> {
    const subject = await this.escalations.findSubject(scope, applicationId);
    // Only while the clock runs: not after the result, nor while waiting for the applicant.
    const running: readonly string[] = runningClockStatuses(this.config.rules);
    if (!subject?.dueAt || !running.includes(subject.status)) {
      return false;
    }
    // The same resolution as GET /escalation-policies/effective, so what admins see is applied.
    const policy = resolveEscalationPolicy({
      departmentId: subject.departmentId,
      procedureCode: subject.procedureCode,
      procedureTimeLimit: { value: subject.limitValue, unit: subject.limitUnit },
      overrides: await this.escalations.policyOverridesFor(
        scope,
        subject.departmentId,
        subject.procedureCode,
      ),
      defaults: this.config.escalations,
    });
    const overdueWorkingDays = policy.overdueWorkingDays.value;
    if (level === 4 && now < overdueByWorkingDaysAt(subject.dueAt, overdueWorkingDays, calendar)) {
      return false;
    }
    const supervisingEmail = policy.supervisingOfficeEmail.value;
    // Liên thông: reminders follow the application to the department holding it.
    const steps = await this.steps.forApplicationIn(scope, applicationId);
    const recipients = await this.people.forLevel(
      scope,
      level,
      {
        assignedOfficerId: subject.assignedOfficerId,
        holdingDepartmentId: holdingDepartment(steps, subject.departmentId),
      },
      supervisingEmail,
    );
    const id = await this.escalations.insert(scope, {
      applicationId,
      level,
      dueAt: subject.dueAt,
      raisedAt: now,
      recipients,
    });
    if (!id) {
      return false;
    }
    const message = escalationMessage(level, {
      code: subject.code,
      procedureName: subject.procedureName,
      dueAt: subject.dueAt,
      overdueWorkingDays,
      apologyTimelyUntil: apologyTimelyUntil(subject.dueAt, calendar),
    });
    await this.notifications.insertMany(
      scope,
      recipients
        .filter((r): r is EscalationRecipient & { userId: string } => Boolean(r.userId))
        .map((r) => ({
          userId: r.userId,
          kind: ESCALATION_NOTIFICATION_KIND,
          applicationId,
          ...message,
          createdAt: now,
        })),
    );
    if (escalationAudience(level).draftsApology) {
      await this.draftApology(
        scope,
        subject,
        responsibleDepartment(steps, subject.departmentId),
        policy.apologyWorkingDays.value,
        now,
        calendar,
      );
    }
    this.metrics.escalationsRaised.inc({ level: String(level) });
    return true;
  }

  private async draftApology(
    scope: TransactionScope,
    subject: EscalationSubject,
    // The receiver of the first step that overran, else the department holding it (as an
    // apology made through the API names by default).
    responsibleDepartmentId: string,
    remainingWorkingDays: number,
    now: Date,
    calendar: WorkingCalendar,
  ): Promise<void> {
    await this.escalations.insertApologyDraft(scope, {
      applicationId: subject.id,
      responsibleDepartmentId,
      suggestedNewDueAt: suggestNewDueAt({
        now,
        remainingWorkingDays,
        calendar,
        policy: this.calendars.deadlinePolicy(),
      }),
      createdAt: now,
    });
  }
}
