import { OFFICIAL_NOTICES_2025_2026, WorkingCalendar } from '../calendar';
import { DEFAULT_DEADLINE_POLICY } from '../deadlines';
import { ApplicationStatus as S } from './application-status';
import { offeredActions, OfferRules, OfferState } from './offered-actions';
import { Role } from './role';
import { TransitionAction as A } from './transition-action';

const vn = (local: string) => new Date(`${local.replace(' ', 'T')}:00+07:00`);
const rules = (now: string): OfferRules => ({
  maxSupplementRequests: 1,
  maxApologies: 1,
  abandonmentWorkingDays: 15,
  supplementRequestWindowWorkingDays: 3,
  now: vn(now),
  calendar: new WorkingCalendar(OFFICIAL_NOTICES_2025_2026),
  policy: DEFAULT_DEADLINE_POLICY,
});
const state = (over: Partial<OfferState>): OfferState => ({
  status: S.Processing,
  supplementCount: 0,
  apologyCount: 0,
  supplementRequestedAt: null,
  paymentRequestedAt: null,
  receivedAt: null,
  dueAt: null,
  review: { chain: [], position: null },
  ...over,
});

describe('offeredActions: every limit and wait, not only status and role (issue 10 item 8)', () => {
  it.each<[string, Partial<OfferState>, Role, string, A, boolean]>([
    ['apology before the limit', {}, Role.Director, '2026-03-05 10:00', A.Apologize, true],
    [
      'apology once the limit is reached',
      { apologyCount: 1 },
      Role.Director,
      '2026-03-05 10:00',
      A.Apologize,
      false,
    ],
    [
      'supplement before the limit',
      {},
      Role.Officer,
      '2026-03-05 10:00',
      A.RequestSupplement,
      true,
    ],
    [
      'supplement once the limit is reached',
      { supplementCount: 1 },
      Role.Officer,
      '2026-03-05 10:00',
      A.RequestSupplement,
      false,
    ],
    [
      // Received Mon 2/3, window of 3 working days: ends Thu 5/3 at the end of office hours.
      'supplement by an officer within the window',
      { receivedAt: vn('2026-03-02 09:00'), dueAt: vn('2026-03-09 17:00') },
      Role.Officer,
      '2026-03-05 16:00',
      A.RequestSupplement,
      true,
    ],
    [
      'supplement by an officer after the window: a head decides',
      { receivedAt: vn('2026-03-02 09:00'), dueAt: vn('2026-03-09 17:00') },
      Role.Officer,
      '2026-03-06 16:00',
      A.RequestSupplement,
      false,
    ],
    [
      'supplement by a head after the window (with the override reason)',
      { receivedAt: vn('2026-03-02 09:00'), dueAt: vn('2026-03-09 17:00') },
      Role.Head,
      '2026-03-06 16:00',
      A.RequestSupplement,
      true,
    ],
    [
      'supplement by an officer after the due date',
      { receivedAt: vn('2026-03-02 09:00'), dueAt: vn('2026-03-03 17:00') },
      Role.Officer,
      '2026-03-04 09:00',
      A.RequestSupplement,
      false,
    ],
    ['stop while processing', {}, Role.Head, '2026-03-05 10:00', A.Stop, true],
    [
      'stop while the supplement may still come',
      {
        status: S.SupplementRequested,
        supplementCount: 1,
        supplementRequestedAt: vn('2026-03-02 09:00'),
      },
      Role.Head,
      '2026-03-23 17:00',
      A.Stop,
      false,
    ],
    [
      'stop once the supplement is abandoned',
      {
        status: S.SupplementRequested,
        supplementCount: 1,
        supplementRequestedAt: vn('2026-03-02 09:00'),
      },
      Role.Head,
      '2026-03-24 08:00',
      A.Stop,
      true,
    ],
    [
      'stop once the payment is abandoned (Tết in between)',
      { status: S.PaymentRequired, paymentRequestedAt: vn('2026-02-06 10:00') },
      Role.Head,
      '2026-03-09 08:00',
      A.Stop,
      true,
    ],
    [
      'stop while the payment may still come (Tết in between)',
      { status: S.PaymentRequired, paymentRequestedAt: vn('2026-02-06 10:00') },
      Role.Head,
      '2026-03-02 08:00',
      A.Stop,
      false,
    ],
    ['no stop by an officer', {}, Role.Officer, '2026-03-05 10:00', A.Stop, false],
  ])('%s', (_name, over, role, now, action, offered) => {
    expect(offeredActions(state(over), role, rules(now)).includes(action)).toBe(offered);
  });
});
