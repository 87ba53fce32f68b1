import { Inject, Injectable, Logger } from '@nestjs/common';
import {
  DeadlinePolicy,
  duePetitionAlerts,
  PetitionAlertKind,
  PetitionDeadlineStep,
  Role,
  WorkingCalendar,
} from '@app/domain';
import {
  AlertablePetition,
  EscalationRecipient,
  EscalationRepository,
  NewPetitionAlert,
  NotificationRepository,
  OnlineCheckEscalationRepository,
  PetitionAlertRepository,
  StaffMember,
  TransactionScope,
  WorkingCalendarService,
} from '@app/database';
import { Clock } from '../clock/clock';
import { missedOnlineCheckMessage, petitionAlertMessage } from './citizen-alert-messages';

/** The `kind` of the notifications these create (persisted). */
export const PETITION_DEADLINE_NOTIFICATION_KIND = 'petition_deadline';
export const ONLINE_CHECK_NOTIFICATION_KIND = 'online_check_missed';

const PAGE = 500;

export interface CitizenSweepResult {
  /** false: another replica held the lock, this run did nothing. */
  ran: boolean;
  petitionsExamined: number;
  /** New PAKN reminders (due soon) and escalations (overdue). */
  petitionAlerts: number;
  /** Online applications newly flagged as not checked in time, and escalated. */
  onlineChecksEscalated: number;
}

const toRecipient = (p: StaffMember): EscalationRecipient => ({
  userId: p.id,
  email: p.email,
  role: p.role,
  name: p.fullName,
});

/**
 * The citizens' side of the deadline sweep (run with it, by the same worker job): PAKN
 * reminders before each binding deadline and escalations once it passed (the desk, then the
 * directors), and online applications left unchecked past the legal time, flagged and escalated.
 * Bounded pages through partial indexes; each alert is a row keyed by what it is about, so a
 * second run, a second replica or a redelivered job raises nothing twice.
 */
@Injectable()
export class CitizenDeadlineSweepService {
  private readonly logger = new Logger(CitizenDeadlineSweepService.name);

  constructor(
    @Inject(PetitionAlertRepository) private readonly petitions: PetitionAlertRepository,
    @Inject(OnlineCheckEscalationRepository)
    private readonly onlineChecks: OnlineCheckEscalationRepository,
    @Inject(EscalationRepository) private readonly staff: EscalationRepository,
    @Inject(NotificationRepository) private readonly notifications: NotificationRepository,
    @Inject(WorkingCalendarService) private readonly calendars: WorkingCalendarService,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  async sweep(): Promise<CitizenSweepResult> {
    const now = this.clock.now();
    const calendar = await this.calendars.current();
    const policy = this.calendars.deadlinePolicy();
    const outcome = await this.petitions.withSweepLock(async (scope) => {
      const audience = await this.audience(scope);
      const petitions = await this.sweepPetitions(scope, now, calendar, policy, audience);
      const onlineChecksEscalated = await this.sweepOnlineChecks(scope, now, audience);
      return { ...petitions, onlineChecksEscalated };
    });
    if (!outcome.locked) {
      return { ran: false, petitionsExamined: 0, petitionAlerts: 0, onlineChecksEscalated: 0 };
    }
    const { petitionAlerts, onlineChecksEscalated } = outcome.result;
    if (petitionAlerts + onlineChecksEscalated > 0) {
      this.logger.log(
        `citizens' sweep: ${petitionAlerts} PAKN alert(s), ${onlineChecksEscalated} missed online check(s) escalated`,
      );
    }
    return { ran: true, ...outcome.result };
  }

  /** The desk (reception) hears first; overdue steps also go to the directors. */
  private async audience(scope: TransactionScope) {
    const desk = (await this.staff.staff(scope, Role.Reception)).map(toRecipient);
    const directors = (await this.staff.staff(scope, Role.Director)).map(toRecipient);
    return { desk, escalated: [...desk, ...directors] };
  }

  private async sweepPetitions(
    scope: TransactionScope,
    now: Date,
    calendar: WorkingCalendar,
    policy: DeadlinePolicy,
    audience: { desk: EscalationRecipient[]; escalated: EscalationRecipient[] },
  ): Promise<{ petitionsExamined: number; petitionAlerts: number }> {
    let examined = 0;
    let raised = 0;
    let after: { receivedAt: Date; id: string } | null = null;
    for (;;) {
      const page: AlertablePetition[] = await this.petitions.findAlertable(scope, after, PAGE);
      examined += page.length;
      const due: NewPetitionAlert[] = page.flatMap((p) =>
        duePetitionAlerts(toFacts(p), now, calendar, policy).map(({ step, kind, dueAt }) => ({
          petitionId: p.id,
          step,
          kind,
          dueAt,
          raisedAt: now,
          recipients: kind === 'overdue' ? audience.escalated : audience.desk,
        })),
      );
      const fresh = await this.petitions.insertReturning(scope, due);
      raised += fresh.length;
      await this.notifyPetitions(scope, page, due, fresh, now);
      if (page.length < PAGE) {
        return { petitionsExamined: examined, petitionAlerts: raised };
      }
      const last = page[page.length - 1];
      after = { receivedAt: new Date(last.receivedAt), id: last.id };
    }
  }

  private async notifyPetitions(
    scope: TransactionScope,
    page: readonly AlertablePetition[],
    due: readonly NewPetitionAlert[],
    fresh: ReadonlyArray<{
      petitionId: string;
      step: PetitionDeadlineStep;
      kind: PetitionAlertKind;
    }>,
    now: Date,
  ): Promise<void> {
    const rows = fresh.flatMap((f) => {
      const petition = page.find((p) => p.id === f.petitionId)!;
      const alert = due.find(
        (d) => d.petitionId === f.petitionId && d.step === f.step && d.kind === f.kind,
      )!;
      const message = petitionAlertMessage(f.kind, f.step, petition, new Date(alert.dueAt));
      return alert.recipients
        .filter((r): r is EscalationRecipient & { userId: string } => Boolean(r.userId))
        .map((r) => ({
          userId: r.userId,
          kind: PETITION_DEADLINE_NOTIFICATION_KIND,
          // A petition is not an application: the notification names its code instead.
          applicationId: null,
          ...message,
          createdAt: now,
        }));
    });
    await this.notifications.insertMany(scope, rows);
  }

  private async sweepOnlineChecks(
    scope: TransactionScope,
    now: Date,
    audience: { escalated: EscalationRecipient[] },
  ): Promise<number> {
    let escalated = 0;
    let after: { checkDueAt: Date; id: string } | null = null;
    for (;;) {
      const page = await this.onlineChecks.findMissed(scope, now, after, PAGE);
      for (const check of page) {
        const flagged = await this.onlineChecks.flag(scope, {
          applicationId: check.id,
          checkDueAt: new Date(check.checkDueAt),
          raisedAt: now,
          recipients: audience.escalated,
        });
        if (!flagged) {
          continue;
        }
        escalated += 1;
        const message = missedOnlineCheckMessage({
          ...check,
          checkDueAt: new Date(check.checkDueAt),
        });
        await this.notifications.insertMany(
          scope,
          audience.escalated
            .filter((r): r is EscalationRecipient & { userId: string } => Boolean(r.userId))
            .map((r) => ({
              userId: r.userId,
              kind: ONLINE_CHECK_NOTIFICATION_KIND,
              applicationId: check.id,
              ...message,
              createdAt: now,
            })),
        );
      }
      if (page.length < PAGE) {
        return escalated;
      }
      const last = page[page.length - 1];
      after = { checkDueAt: new Date(last.checkDueAt), id: last.id };
    }
  }
}

function toFacts(p: AlertablePetition) {
  const date = (v: Date | string | null) => (v === null ? null : new Date(v));
  return {
    status: p.status,
    consentToPublish: p.consentToPublish,
    refuseDueAt: new Date(p.refuseDueAt),
    clarifyDueAt: new Date(p.clarifyDueAt),
    forwardDueAt: new Date(p.forwardDueAt),
    answerDueAt: new Date(p.answerDueAt),
    publishDueAt: date(p.publishDueAt),
    lastForwardDueAt: date(p.lastForwardDueAt),
  };
}
