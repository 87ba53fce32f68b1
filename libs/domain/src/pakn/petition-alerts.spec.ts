import { atLocalTime, OFFICIAL_NOTICES_2025_2026, WorkingCalendar } from '../calendar';
import { DEFAULT_DEADLINE_POLICY } from '../deadlines';
import {
  bindingPetitionDeadlines,
  duePetitionAlerts,
  PETITION_ALERT_STATUSES,
  PetitionDeadlineFacts,
} from './petition-alerts';
import { DEFAULT_PETITION_RULES, petitionDeadlines } from './petition-deadlines';
import { PetitionStatus as S } from './petition-lifecycle';

const calendar = new WorkingCalendar(OFFICIAL_NOTICES_2025_2026);
// Received Wed 29/4/2026 10:00; 30/4 and 1/5 are holidays, then a weekend.
const receivedAt = atLocalTime('2026-04-29', 10);
const deadlines = petitionDeadlines(
  receivedAt,
  DEFAULT_PETITION_RULES,
  calendar,
  DEFAULT_DEADLINE_POLICY,
);
const facts = (overrides: Partial<PetitionDeadlineFacts> = {}): PetitionDeadlineFacts => ({
  status: S.Received,
  consentToPublish: false,
  ...deadlines,
  publishDueAt: null,
  lastForwardDueAt: null,
  ...overrides,
});
const steps = (p: PetitionDeadlineFacts) => bindingPetitionDeadlines(p).map((d) => d.step);

describe('PAKN deadlines that bind, by status', () => {
  it.each<[string, Partial<PetitionDeadlineFacts>, string[]]>([
    [
      'received: every first decision and the answer',
      {},
      ['refuse', 'clarify', 'forward', 'answer'],
    ],
    ['clarification requested: the answer', { status: S.ClarificationRequested }, ['answer']],
    ['in progress: the answer', { status: S.InProgress }, ['answer']],
    [
      'forwarded: the latest forward’s own deadline',
      { status: S.Forwarded, lastForwardDueAt: atLocalTime('2026-06-01', 17) },
      ['forwarded_answer'],
    ],
    [
      'answered without consent: nothing',
      { status: S.Answered, publishDueAt: atLocalTime('2026-05-12', 17) },
      [],
    ],
    [
      'answered with consent: publication',
      { status: S.Answered, consentToPublish: true, publishDueAt: atLocalTime('2026-05-12', 17) },
      ['publish'],
    ],
    ['not accepted: nothing', { status: S.NotAccepted }, []],
    ['published: nothing', { status: S.Published, consentToPublish: true }, []],
  ])('%s', (_name, overrides, expected) => {
    expect(steps(facts(overrides))).toEqual(expected);
  });

  it('the sweep selects exactly the statuses in which something binds', () => {
    expect([...PETITION_ALERT_STATUSES].sort()).toEqual(
      [S.Received, S.ClarificationRequested, S.InProgress, S.Forwarded, S.Answered].sort(),
    );
  });
});

describe('PAKN reminders and escalations over time (working days, across 30/4–1/5)', () => {
  const at = (date: string, hour: number) =>
    duePetitionAlerts(facts(), atLocalTime(date, hour), calendar, DEFAULT_DEADLINE_POLICY).map(
      (a) => `${a.step}:${a.kind}`,
    );
  it('nothing on the day of receipt', () => {
    expect(at('2026-04-29', 16)).toEqual([]);
  });
  it('the refusal reminder on Mon 4/5 (one working day before Tue 5/5), not on the holidays', () => {
    expect(at('2026-05-02', 12)).toEqual([]);
    expect(at('2026-05-04', 9)).toEqual(['refuse:due_soon']);
  });
  it('the refusal window escalated after Tue 5/5 17:00; clarify and forward reminded on Thu 7/5', () => {
    expect(at('2026-05-06', 9)).toEqual(['refuse:due_soon', 'refuse:overdue']);
    expect(at('2026-05-07', 9)).toEqual([
      'refuse:due_soon',
      'refuse:overdue',
      'clarify:due_soon',
      'forward:due_soon',
    ]);
  });
});
