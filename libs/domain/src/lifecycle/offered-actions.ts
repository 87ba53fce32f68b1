import type { WorkingCalendar } from '../calendar';
import { supplementRequestTiming, type DeadlinePolicy } from '../deadlines';
import { ApplicationStatus as S } from './application-status';
import { availableActions } from './lifecycle';
import { Role } from './role';
import { reviewRefusal, type ReviewState } from '../signing/review-chain';
import { canStopNow } from './stop-rules';
import { TransitionAction as A } from './transition-action';

/** What of an application besides its status decides which actions are possible now. */
export interface OfferState {
  status: S;
  supplementCount: number;
  apologyCount: number;
  supplementRequestedAt: Date | null;
  paymentRequestedAt: Date | null;
  /** The supplement window runs from reception; a request after the due date is late too. */
  receivedAt: Date | null;
  dueAt: Date | null;
  review: ReviewState;
}

/** The configured limits, and the time and calendar they are judged with. */
export interface OfferRules {
  maxSupplementRequests: number;
  maxApologies: number;
  abandonmentWorkingDays: number;
  /** Working days from reception a supplement may be asked for; later only a head may. */
  supplementRequestWindowWorkingDays: number;
  now: Date;
  calendar: WorkingCalendar;
  policy: DeadlinePolicy;
}

/** A per-application count limit an action is subject to; the use case refuses past it too. */
export function countLimitOf(
  action: A,
  state: OfferState,
  rules: Pick<OfferRules, 'maxSupplementRequests' | 'maxApologies'>,
): { what: string; max: number } | null {
  if (action === A.RequestSupplement && state.supplementCount >= rules.maxSupplementRequests) {
    return { what: 'A supplement request', max: rules.maxSupplementRequests };
  }
  if (action === A.Apologize && state.apologyCount >= rules.maxApologies) {
    return { what: 'An apology with a new appointment date', max: rules.maxApologies };
  }
  return null;
}

/** Whether `action`, legal for the status and role, is also possible now (limits, waits). */
function possibleNow(action: A, state: OfferState, role: Role, rules: OfferRules): boolean {
  if (countLimitOf(action, state, rules) !== null) {
    return false;
  }
  if (reviewRefusal(action, state.review, role) !== null) {
    return false;
  }
  if (action === A.RequestSupplement && role !== Role.Head) {
    // Past the window or the due date only a head accepts a request (with a reason).
    const { late } = supplementRequestTiming({
      now: rules.now,
      receivedAt: state.receivedAt ?? rules.now,
      dueAt: state.dueAt,
      windowWorkingDays: rules.supplementRequestWindowWorkingDays,
      calendar: rules.calendar,
      policy: rules.policy,
    });
    if (late) {
      return false;
    }
  }
  if (action === A.Stop) {
    return canStopNow({
      status: state.status,
      waitingSince:
        state.status === S.PaymentRequired ? state.paymentRequestedAt : state.supplementRequestedAt,
      now: rules.now,
      calendar: rules.calendar,
      policy: rules.policy,
      abandonmentWorkingDays: rules.abandonmentWorkingDays,
    });
  }
  return true;
}

/**
 * The actions the web app offers a role now: the lifecycle's for the status and role, minus
 * those a limit or a wait would refuse (the same checks the use case makes, so an offered
 * action is not answered 409 for a reason known in advance).
 */
export function offeredActions(state: OfferState, role: Role, rules: OfferRules): A[] {
  return availableActions(state.status, role).filter((a) => possibleNow(a, state, role, rules));
}
