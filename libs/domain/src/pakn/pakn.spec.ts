import { atLocalTime, OFFICIAL_NOTICES_2025_2026, WorkingCalendar } from '../calendar';
import { DEFAULT_DEADLINE_POLICY } from '../deadlines';
import { DomainErrorCode } from '../errors';
import { k9Rate, petitionOnTime, PetitionTimes } from './k9';
import { DEFAULT_PETITION_RULES, petitionDeadlines } from './petition-deadlines';
import {
  PetitionAction as A,
  petitionActionsFrom,
  planPetitionAction,
  PetitionStatus as S,
} from './petition-lifecycle';
import { REDACTED, redactPersonalData } from './redaction';

const calendar = new WorkingCalendar(OFFICIAL_NOTICES_2025_2026);
const at = (date: string, hour = 10) => atLocalTime(date, hour);
const deadlinesFrom = (receivedAt: Date) =>
  petitionDeadlines(receivedAt, DEFAULT_PETITION_RULES, calendar, DEFAULT_DEADLINE_POLICY);

describe('PAKN deadlines (working days from receipt, spec K9 defaults)', () => {
  it('across 30/4 and 1/5 2026: received Wed 29/4, refuse by Tue 5/5, clarify/forward by Fri 8/5', () => {
    const d = deadlinesFrom(at('2026-04-29'));
    expect(d.refuseDueAt).toEqual(atLocalTime('2026-05-05', 17));
    expect(d.clarifyDueAt).toEqual(atLocalTime('2026-05-08', 17));
    expect(d.forwardDueAt).toEqual(atLocalTime('2026-05-08', 17));
  });
  it('across Tết 2026: received Fri 13/2, answer within 15 working days → Fri 13/3', () => {
    // 16–20/2 are Tết days off: 15 working days from Fri 13/2 end on Fri 13/3.
    expect(deadlinesFrom(at('2026-02-13')).answerDueAt).toEqual(atLocalTime('2026-03-13', 17));
  });
  it('a receipt on a Sunday counts from Monday', () => {
    expect(deadlinesFrom(at('2026-03-08')).refuseDueAt).toEqual(atLocalTime('2026-03-11', 17));
  });
});

describe('PAKN lifecycle', () => {
  it.each([
    [S.Received, A.Refuse, S.NotAccepted],
    [S.Received, A.RequestClarification, S.ClarificationRequested],
    [S.Received, A.Forward, S.Forwarded],
    [S.Received, A.Start, S.InProgress],
    [S.ClarificationRequested, A.Start, S.InProgress],
    [S.ClarificationRequested, A.Refuse, S.NotAccepted],
    [S.Forwarded, A.Forward, S.Forwarded],
    [S.InProgress, A.Forward, S.Forwarded],
    [S.InProgress, A.Answer, S.Answered],
    [S.Answered, A.Publish, S.Published],
  ])('%s --%s--> %s', (from, action, to) => {
    expect(planPetitionAction(from, action)).toBe(to);
  });
  it.each([
    [S.Received, A.Answer],
    [S.Received, A.Publish],
    [S.NotAccepted, A.Start],
    [S.Published, A.Publish],
    [S.Answered, A.Refuse],
  ])('refuses %s --%s--> as an illegal transition', (from, action) => {
    expect(() => planPetitionAction(from, action)).toThrow(
      expect.objectContaining({ code: DomainErrorCode.IllegalTransition }),
    );
  });
  it('offers nothing from a final state', () => {
    expect(petitionActionsFrom(S.NotAccepted)).toEqual([]);
    expect(petitionActionsFrom(S.Published)).toEqual([]);
  });
});

function petition(overrides: Partial<PetitionTimes> = {}): PetitionTimes {
  const receivedAt = at('2026-03-02');
  return {
    receivedAt,
    ...deadlinesFrom(receivedAt),
    publishDueAt: null,
    consentToPublish: false,
    notAcceptedAt: null,
    clarificationRequestedAt: null,
    firstForwardedAt: null,
    answeredAt: null,
    publishedAt: null,
    status: S.Received,
    ...overrides,
  };
}

describe('K9: each step within its limit', () => {
  const asOf = at('2026-04-30');
  it.each<[string, Partial<PetitionTimes>, boolean]>([
    ['refused on day 2', { status: S.NotAccepted, notAcceptedAt: at('2026-03-04', 16) }, true],
    ['refused on day 3', { status: S.NotAccepted, notAcceptedAt: at('2026-03-05') }, false],
    ['forwarded on day 5', { status: S.Forwarded, firstForwardedAt: at('2026-03-09') }, true],
    ['forwarded on day 6', { status: S.Forwarded, firstForwardedAt: at('2026-03-10') }, false],
    ['answered on day 15, no consent', { status: S.Answered, answeredAt: at('2026-03-23') }, true],
    ['answered on day 16', { status: S.Answered, answeredAt: at('2026-03-24') }, false],
    ['still in progress past day 15', { status: S.InProgress }, false],
    [
      'answered with consent, published 2 days after',
      {
        status: S.Published,
        consentToPublish: true,
        answeredAt: at('2026-03-10'),
        publishDueAt: atLocalTime('2026-03-12', 17),
        publishedAt: at('2026-03-12'),
      },
      true,
    ],
    [
      'answered with consent, never published',
      {
        status: S.Answered,
        consentToPublish: true,
        answeredAt: at('2026-03-10'),
        publishDueAt: atLocalTime('2026-03-12', 17),
      },
      false,
    ],
  ])('%s', (_name, overrides, expected) => {
    expect(petitionOnTime(petition(overrides), asOf)).toBe(expected);
  });

  it('in progress and not yet due counts on time; the rate has two decimals', () => {
    const open = petition({ status: S.InProgress });
    const late = petition({ status: S.NotAccepted, notAcceptedAt: at('2026-03-05') });
    expect(k9Rate([open, open, late], at('2026-03-10'))).toEqual({
      population: 3,
      onTime: 2,
      rate: 66.67,
    });
    expect(k9Rate([], at('2026-03-10')).rate).toBeNull();
  });
});

describe('redaction before publication', () => {
  it('removes the petitioner’s own data and phone, e-mail, ID-like numbers', () => {
    const text =
      'Tôi là Nguyễn Văn An, ở 12 Lê Lợi, gọi 0912 345 678 hoặc an@example.vn, CCCD 001203004567.';
    const out = redactPersonalData(text, ['Nguyễn Văn An', '12 Lê Lợi', null]);
    expect(out).toBe(
      `Tôi là ${REDACTED}, ở ${REDACTED}, gọi ${REDACTED} hoặc ${REDACTED}, CCCD ${REDACTED}.`,
    );
  });
});
