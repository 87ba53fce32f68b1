import { percentOf } from '../kpi/indicators';
import { PetitionStatus } from './petition-lifecycle';

/** What K9 needs of one petition: its deadlines and when each step happened. */
export interface PetitionTimes {
  receivedAt: Date;
  refuseDueAt: Date;
  clarifyDueAt: Date;
  forwardDueAt: Date;
  answerDueAt: Date;
  /** Set when answered: the answer date + the publication limit. */
  publishDueAt: Date | null;
  consentToPublish: boolean;
  notAcceptedAt: Date | null;
  clarificationRequestedAt: Date | null;
  firstForwardedAt: Date | null;
  answeredAt: Date | null;
  publishedAt: Date | null;
  status: PetitionStatus;
}

const within = (at: Date | null, due: Date) => at === null || at.getTime() <= due.getTime();
const pastDue = (due: Date | null, asOf: Date) => due !== null && asOf.getTime() > due.getTime();

/**
 * K9 (766 method, spec §4): on time when each step that happened was within its limit (refused
 * within 2 working days, clarification asked within 5, forwarded within 5, answered within 15
 * of receipt, published within 2 after the answer), and no step is overdue as of `asOf`: not
 * answered once the answer is due (unless refused or forwarded), or answered with consent and
 * not published once publication is due.
 */
export function petitionOnTime(p: PetitionTimes, asOf: Date): boolean {
  if (
    !within(p.notAcceptedAt, p.refuseDueAt) ||
    !within(p.clarificationRequestedAt, p.clarifyDueAt) ||
    !within(p.firstForwardedAt, p.forwardDueAt) ||
    !within(p.answeredAt, p.answerDueAt)
  ) {
    return false;
  }
  if (p.publishDueAt && p.publishedAt && p.publishedAt.getTime() > p.publishDueAt.getTime()) {
    return false;
  }
  const handledElsewhere =
    p.status === PetitionStatus.NotAccepted || p.status === PetitionStatus.Forwarded;
  if (!handledElsewhere && p.answeredAt === null && pastDue(p.answerDueAt, asOf)) {
    return false;
  }
  if (p.consentToPublish && p.answeredAt && !p.publishedAt && pastDue(p.publishDueAt, asOf)) {
    return false;
  }
  return true;
}

export interface K9Figures {
  /** PAKN received in the period, or handled (refused, forwarded, answered, published) in it. */
  population: number;
  onTime: number;
  rate: number | null;
}

/** K9 = PAKN handled or in progress within the limits ÷ PAKN received or handled in the period. */
export function k9Rate(petitions: readonly PetitionTimes[], asOf: Date): K9Figures {
  const onTime = petitions.filter((p) => petitionOnTime(p, asOf)).length;
  return { population: petitions.length, onTime, rate: percentOf(onTime, petitions.length) };
}
