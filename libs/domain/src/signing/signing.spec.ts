import { DomainError } from '../errors';
import { Role } from '../lifecycle/role';
import { TransitionAction as A } from '../lifecycle/transition-action';
import { stepEndingOfStop } from '../steps/step-outcome';
import {
  apologySignerCapacity,
  DEFAULT_APOLOGY_SIGNING,
  type ApologySigningPolicy,
} from './apology-signer';
import {
  LEGAL_REVIEW_CHAIN,
  reviewChainProblems,
  reviewPositionAfter,
  reviewRefusal,
  ReviewStage,
  type ReviewState,
} from './review-chain';

describe('who signs an apology (issue 15: as configured, recorded in what capacity)', () => {
  const configured: ApologySigningPolicy = {
    headRoles: [Role.Director, Role.Head],
    delegateRoles: [Role.Officer],
  };
  it.each([
    // role, policy, capacity (null: refused)
    [Role.Director, DEFAULT_APOLOGY_SIGNING, 'head_of_agency'],
    [Role.Head, DEFAULT_APOLOGY_SIGNING, 'delegate'],
    [Role.Admin, DEFAULT_APOLOGY_SIGNING, 'correction'],
    [Role.Officer, DEFAULT_APOLOGY_SIGNING, null],
    [Role.Director, configured, 'head_of_agency'],
    [Role.Head, configured, 'head_of_agency'],
    [Role.Officer, configured, 'delegate'],
    [Role.Admin, configured, 'correction'],
  ] as const)('%s under %j signs as %s', (role, policy, capacity) => {
    if (capacity === null) {
      expect(() => apologySignerCapacity(role, policy)).toThrow(DomainError);
      expect(() => apologySignerCapacity(role, policy)).toThrow(/may not sign an apology/);
    } else {
      expect(apologySignerCapacity(role, policy)).toBe(capacity);
    }
  });
});

describe('the review chain (issue 10 item 6, issue 15 "who may sign what")', () => {
  const at = (position: number | null): ReviewState => ({ chain: LEGAL_REVIEW_CHAIN, position });

  it.each([
    // action, position, role, allowed?
    [A.SubmitForReview, null, Role.Officer, true],
    [A.SubmitForReview, 0, Role.Officer, false], // already submitted
    [A.ApproveReview, 0, Role.Head, true],
    [A.ApproveReview, 0, Role.Director, false], // the review is the head's
    [A.ApproveReview, 0, Role.Admin, true], // an admin's act, recorded as a correction
    [A.SignResult, 0, Role.Director, false], // the review comes first
    [A.SignResult, 1, Role.Director, true],
    [A.SignResult, 1, Role.Head, false],
    [A.SendBack, 0, Role.Head, true],
    [A.SendBack, 1, Role.Director, true],
    [A.SendBack, null, Role.Head, false], // nothing pending
    [A.MarkResultReady, null, Role.Officer, false],
    [A.MarkResultReady, 1, Role.Officer, false], // signed? not yet
    [A.MarkResultReady, 2, Role.Officer, true],
    [A.HandOver, 0, Role.Officer, true], // not a chain action
  ] as const)('%s at position %s by %s: allowed %s', (action, position, role, allowed) => {
    expect(reviewRefusal(action, at(position), role) === null).toBe(allowed);
  });

  it('moves through the chain and back to the officer when sent back', () => {
    expect(reviewPositionAfter(A.SubmitForReview, at(null))).toBe(0);
    expect(reviewPositionAfter(A.ApproveReview, at(0))).toBe(1);
    expect(reviewPositionAfter(A.SignResult, at(1))).toBe(2);
    expect(reviewPositionAfter(A.SendBack, at(1))).toBeNull();
  });

  it('a procedure without a chain marks the result ready directly', () => {
    const none: ReviewState = { chain: [], position: null };
    expect(reviewRefusal(A.MarkResultReady, none, Role.Officer)).toBeNull();
    expect(reviewRefusal(A.SubmitForReview, none, Role.Officer)).toMatch(/no review chain/);
  });

  it.each([
    [[{ stage: ReviewStage.Sign, role: Role.Director }], []],
    [[{ stage: ReviewStage.Review, role: Role.Head }], ['chain']],
    [[{ stage: ReviewStage.Sign, role: Role.Officer }], ['chain[0].role']],
    [
      [
        { stage: ReviewStage.Sign, role: Role.Director },
        { stage: ReviewStage.Review, role: Role.Head },
      ],
      ['chain[0]', 'chain'],
    ],
    [
      [
        { stage: ReviewStage.Review, role: Role.Head },
        { stage: ReviewStage.Review, role: Role.Head },
        { stage: ReviewStage.Review, role: Role.Director },
        { stage: ReviewStage.Sign, role: Role.Director },
      ],
      ['chain'],
    ],
  ])('chain %j has problems at %j', (chain, fields) => {
    expect(reviewChainProblems(chain, 'chain').map((p) => p.field)).toEqual(fields);
  });
});

describe('a step still open when the application ends is closed with the ending (issue 15 point 4)', () => {
  it.each([
    ['withdrawn', 'withdrawn'],
    ['rejected', 'rejected'],
    ['abandoned', 'stopped'],
    [null, 'stopped'],
  ])('a stop with reason %s closes the open step as %s', (reason, ending) => {
    expect(stepEndingOfStop(reason)).toBe(ending);
  });
});
