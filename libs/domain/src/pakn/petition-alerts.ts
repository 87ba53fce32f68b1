import type { WorkingCalendar } from '../calendar/working-calendar';
import { deadlineAlertTimes, type DeadlinePolicy } from '../deadlines';
import { STEP_ALERT_KINDS, type StepAlertKind } from '../steps';
import { PetitionStatus as S } from './petition-lifecycle';

/**
 * The PAKN deadlines the workers remind about and escalate (spec §8, K9 row): each binds only
 * while the petition is in the statuses listed. Values are persisted in petition_deadline_alerts:
 * never rename one without a data migration.
 */
export type PetitionDeadlineStep =
  'refuse' | 'clarify' | 'forward' | 'answer' | 'forwarded_answer' | 'publish';

export const PETITION_DEADLINE_BINDS: Readonly<
  Record<PetitionDeadlineStep, { statuses: readonly S[]; consentOnly?: boolean }>
> = Object.freeze({
  // Until someone takes a first decision, the refuse / clarify / forward windows run.
  refuse: { statuses: [S.Received] },
  clarify: { statuses: [S.Received] },
  forward: { statuses: [S.Received] },
  answer: { statuses: [S.Received, S.ClarificationRequested, S.InProgress] },
  // Each forward has its own deadline: the latest one binds while the petition is away.
  forwarded_answer: { statuses: [S.Forwarded] },
  // Published only with the petitioner's consent; without it nothing is due after the answer.
  publish: { statuses: [S.Answered], consentOnly: true },
});

/** Statuses in which some deadline binds: the sweep's SQL selects exactly these. */
export const PETITION_ALERT_STATUSES: readonly S[] = [
  ...new Set(Object.values(PETITION_DEADLINE_BINDS).flatMap((b) => b.statuses)),
];

export type PetitionAlertKind = StepAlertKind;
export const PETITION_ALERT_KINDS: readonly PetitionAlertKind[] = STEP_ALERT_KINDS;

export interface PetitionDeadlineFacts {
  status: S;
  consentToPublish: boolean;
  refuseDueAt: Date;
  clarifyDueAt: Date;
  forwardDueAt: Date;
  answerDueAt: Date;
  publishDueAt: Date | null;
  /** The latest forward's own deadline, if any. */
  lastForwardDueAt: Date | null;
}

/** The deadlines binding a petition now (none once it is refused, published or answered without consent). */
export function bindingPetitionDeadlines(
  p: PetitionDeadlineFacts,
): Array<{ step: PetitionDeadlineStep; dueAt: Date }> {
  const dueAt: Record<PetitionDeadlineStep, Date | null> = {
    refuse: p.refuseDueAt,
    clarify: p.clarifyDueAt,
    forward: p.forwardDueAt,
    answer: p.answerDueAt,
    forwarded_answer: p.lastForwardDueAt,
    publish: p.publishDueAt,
  };
  return (Object.keys(PETITION_DEADLINE_BINDS) as PetitionDeadlineStep[]).flatMap((step) => {
    const binds = PETITION_DEADLINE_BINDS[step];
    const due = dueAt[step];
    if (!due || !binds.statuses.includes(p.status) || (binds.consentOnly && !p.consentToPublish)) {
      return [];
    }
    return [{ step, dueAt: due }];
  });
}

/**
 * The reminders and escalations whose time has come at `now`: a reminder one working day
 * before each binding deadline (as for applications), an escalation once it has passed.
 */
export function duePetitionAlerts(
  p: PetitionDeadlineFacts,
  now: Date,
  calendar: WorkingCalendar,
  policy: DeadlinePolicy,
): Array<{ step: PetitionDeadlineStep; kind: PetitionAlertKind; dueAt: Date }> {
  return bindingPetitionDeadlines(p).flatMap(({ step, dueAt }) => {
    const times = deadlineAlertTimes(dueAt, calendar, policy);
    return PETITION_ALERT_KINDS.filter((kind) => times[kind].getTime() <= now.getTime()).map(
      (kind) => ({ step, kind, dueAt }),
    );
  });
}
