import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@app/config';
import {
  DeadlineAlertKind,
  ESCALATION_LEVEL_OF_ALERT,
  EscalationLevel,
  escalationAudience,
  overdueByWorkingDaysAt,
  suggestNewDueAt,
  WorkingCalendar,
} from '@app/domain';
import {
  EscalationRecipient,
  EscalationRepository,
  EscalationSubject,
  NotificationRepository,
  StaffMember,
  TransactionScope,
  WorkingCalendarService,
} from '@app/database';
import { MetricsRegistry } from '../metrics/metrics.registry';
import { escalationMessage } from './escalation-messages';

/** The `kind` of the notifications an escalation creates (persisted). */
export const ESCALATION_NOTIFICATION_KIND = 'escalation';

/**
 * Raises escalations from deadline alerts, inside the transaction that inserted the alerts:
 * one row per (application, level), one notification per recipient user, and at level 3 the
 * apology draft. Level 4 (overdue by N working days) is raised by the sweep.
 */
@Injectable()
export class EscalationService {
  constructor(
    @Inject(EscalationRepository) private readonly escalations: EscalationRepository,
    @Inject(NotificationRepository) private readonly notifications: NotificationRepository,
    @Inject(WorkingCalendarService) private readonly calendars: WorkingCalendarService,
    @Inject(MetricsRegistry) private readonly metrics: MetricsRegistry,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
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

  /** Level 4 for every application overdue by the policy's N working days; returns how many. */
  async raiseOverdueBy(
    scope: TransactionScope,
    now: Date,
    calendar: WorkingCalendar,
  ): Promise<number> {
    let raised = 0;
    for (const candidate of await this.escalations.level4Candidates(scope)) {
      raised += (await this.raise(scope, candidate.id, 4, now, calendar)) ? 1 : 0;
    }
    return raised;
  }

  private async raise(
    scope: TransactionScope,
    applicationId: string,
    level: EscalationLevel,
    now: Date,
    calendar: WorkingCalendar,
  ): Promise<boolean> {
    const subject = await this.escalations.findSubject(scope, applicationId);
    if (!subject?.dueAt || subject.status === 'result_ready') {
      return false;
    }
    const policy = await this.escalations.policyFor(
      scope,
      subject.departmentId,
      subject.procedureCode,
    );
    const overdueWorkingDays =
      policy.overdueWorkingDays ?? this.config.escalations.overdueWorkingDays;
    if (level === 4 && now < overdueByWorkingDaysAt(subject.dueAt, overdueWorkingDays, calendar)) {
      return false;
    }
    const supervisingEmail =
      policy.supervisingOfficeEmail ?? this.config.escalations.supervisingOfficeEmail;
    const recipients = await this.recipients(scope, level, subject, supervisingEmail);
    const id = await this.escalations.insert(scope, {
      applicationId,
      level,
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
    if (level === 3) {
      await this.draftApology(scope, subject, policy.apologyWorkingDays, now, calendar);
    }
    this.metrics.escalationsRaised.inc({ level: String(level) });
    return true;
  }

  private async recipients(
    scope: TransactionScope,
    level: EscalationLevel,
    subject: EscalationSubject,
    supervisingEmail: string | null,
  ): Promise<EscalationRecipient[]> {
    const audience = escalationAudience(level);
    const people: StaffMember[] = [];
    const officer =
      audience.assignedOfficer && subject.assignedOfficerId
        ? await this.escalations.activeUser(scope, subject.assignedOfficerId)
        : null;
    if (officer) {
      people.push(officer);
    }
    if (audience.departmentHeads || (audience.assignedOfficer && !officer)) {
      people.push(...(await this.escalations.staff(scope, 'head', subject.departmentId)));
    }
    if (audience.directors) {
      people.push(...(await this.escalations.staff(scope, 'director')));
    }
    const recipients: EscalationRecipient[] = people.map((p) => ({
      userId: p.id,
      email: p.email,
      role: p.role,
      name: p.fullName,
    }));
    if (audience.supervisingOffice && supervisingEmail) {
      recipients.push({ email: supervisingEmail, role: 'supervising_office' });
    }
    return recipients;
  }

  private async draftApology(
    scope: TransactionScope,
    subject: EscalationSubject,
    policyWorkingDays: number | null,
    now: Date,
    calendar: WorkingCalendar,
  ): Promise<void> {
    const remainingWorkingDays =
      policyWorkingDays ??
      (subject.limitUnit === 'working_days' && subject.limitValue > 0
        ? subject.limitValue
        : this.config.escalations.apologyWorkingDays);
    await this.escalations.insertApologyDraft(scope, {
      applicationId: subject.id,
      // The department holding the application when it went late.
      responsibleDepartmentId: subject.departmentId,
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
