import { DomainErrorCode } from '../errors';
import { ApplicationStatus as S, isOpen, PORTAL_STATUS_CODE } from './application-status';
import { planTransition } from './lifecycle';
import { Role } from './role';
import { TransitionAction as A } from './transition-action';

const outcome = (from: S, action: A, role: Role): string => {
  try {
    return planTransition(from, action, role).to;
  } catch (error) {
    return (error as { code: DomainErrorCode }).code;
  }
};

describe('the desk stage "incomplete at the desk" (spec §2, Mẫu 02)', () => {
  it.each([
    // The desk guides an online or postal dossier found incomplete, or guides again.
    [S.Submitted, A.RequestCompletion, Role.Reception, S.IncompleteAtDesk],
    [S.IncompleteAtDesk, A.RequestCompletion, Role.Reception, S.IncompleteAtDesk],
    // The applicant comes back complete: received (the clock starts then), or refused.
    [S.IncompleteAtDesk, A.Receive, Role.Reception, S.Received],
    [S.IncompleteAtDesk, A.Refuse, Role.Reception, S.NotAccepted],
    // Only the desk guides at the counter; nothing else happens before reception.
    [S.Submitted, A.RequestCompletion, Role.Officer, DomainErrorCode.Forbidden],
    [S.Submitted, A.RequestCompletion, Role.Head, DomainErrorCode.Forbidden],
    [S.IncompleteAtDesk, A.Start, Role.Officer, DomainErrorCode.IllegalTransition],
    [S.IncompleteAtDesk, A.RequestSupplement, Role.Officer, DomainErrorCode.IllegalTransition],
    [S.IncompleteAtDesk, A.Apologize, Role.Director, DomainErrorCode.IllegalTransition],
    [S.Received, A.RequestCompletion, Role.Reception, DomainErrorCode.IllegalTransition],
    [S.Processing, A.RequestCompletion, Role.Reception, DomainErrorCode.IllegalTransition],
  ])('%s --%s (%s)--> %s', (from, action, role, expected) => {
    expect(outcome(from, action, role)).toBe(expected);
  });

  it('is not received: no clock, no national status code', () => {
    expect(isOpen(S.IncompleteAtDesk)).toBe(false);
    expect(PORTAL_STATUS_CODE[S.IncompleteAtDesk]).toBeNull();
    expect(PORTAL_STATUS_CODE[S.Submitted]).toBe(1);
  });
});
