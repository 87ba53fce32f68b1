import { OFFICIAL_NOTICES_2025_2026, WorkingCalendar } from '../calendar';
import { DEFAULT_DEADLINE_POLICY } from '../deadlines';
import { isK1Member, k1StandingAt } from '../kpi';
import { ApplicationStatus as S } from './application-status';
import { abandonedFrom, planStop, StopReason as R } from './stop-rules';

const calendar = new WorkingCalendar(OFFICIAL_NOTICES_2025_2026);
const vn = (local: string) => new Date(`${local.replace(' ', 'T')}:00+07:00`);
const base = { calendar, policy: DEFAULT_DEADLINE_POLICY, abandonmentWorkingDays: 15 };

const outcome = (status: S, stopReason: R | undefined, since: string | null, now: string) => {
  try {
    return planStop({
      ...base,
      status,
      stopReason,
      waitingSince: since ? vn(since) : null,
      now: vn(now),
    });
  } catch (error) {
    return (error as Error & { code: string }).code;
  }
};

describe('abandonedFrom: 15 working days after the request, across Tết and swapped Saturdays', () => {
  it.each([
    // Mon 2/3/2026: 15 working days → Mon 23/3 17:00.
    ['2026-03-02 09:00', '2026-03-23 17:00'],
    // Fri 6/2/2026: Tết Mon 16 – Fri 20/2 off → Fri 6/3 17:00.
    ['2026-02-06 10:00', '2026-03-06 17:00'],
    // Mon 10/8/2026: Sat 22/8 is worked (swap) and counts → Fri 28/8 17:00.
    ['2026-08-10 10:00', '2026-08-28 17:00'],
    // Mon 24/8/2026: Mon 31/8, Tue 1/9 and Wed 2/9 are off → Thu 17/9 17:00.
    ['2026-08-24 10:00', '2026-09-17 17:00'],
    // After the 15:00 cut-off the request counts from the next working day.
    ['2026-03-02 16:00', '2026-03-24 17:00'],
  ])('requested %s → abandoned after %s', (since, expected) => {
    expect(abandonedFrom(vn(since), 15, calendar, DEFAULT_DEADLINE_POLICY)).toEqual(vn(expected));
  });
});

describe('planStop: which reason from which status, and abandonment only after the wait', () => {
  it.each<[string, S, R | undefined, string | null, string, string]>([
    [
      'rejected by default from processing',
      S.Processing,
      undefined,
      null,
      '2026-03-02 09:00',
      R.Rejected,
    ],
    [
      'withdrawn by default after a withdrawal request',
      S.WithdrawalRequested,
      undefined,
      null,
      '2026-03-02 09:00',
      R.Withdrawn,
    ],
    [
      'withdrawn needs a withdrawal request',
      S.Processing,
      R.Withdrawn,
      null,
      '2026-03-02 09:00',
      'ILLEGAL_TRANSITION',
    ],
    [
      'supplement never came, after the wait',
      S.SupplementRequested,
      undefined,
      '2026-03-02 09:00',
      '2026-03-23 17:01',
      R.SupplementNotProvided,
    ],
    [
      'supplement still awaited on the last day',
      S.SupplementRequested,
      undefined,
      '2026-03-02 09:00',
      '2026-03-23 17:00',
      'ILLEGAL_TRANSITION',
    ],
    [
      'payment never made, after the wait',
      S.PaymentRequired,
      R.PaymentNotProvided,
      '2026-03-02 09:00',
      '2026-03-24 08:00',
      R.PaymentNotProvided,
    ],
    [
      'payment still awaited',
      S.PaymentRequired,
      undefined,
      '2026-03-02 09:00',
      '2026-03-10 08:00',
      'ILLEGAL_TRANSITION',
    ],
    [
      'a supplement reason for a payment wait',
      S.PaymentRequired,
      R.SupplementNotProvided,
      '2026-03-02 09:00',
      '2026-04-30 08:00',
      'ILLEGAL_TRANSITION',
    ],
    [
      'abandonment while processing',
      S.Processing,
      R.SupplementNotProvided,
      null,
      '2026-03-02 09:00',
      'ILLEGAL_TRANSITION',
    ],
    [
      'rejected while awaiting the supplement',
      S.SupplementRequested,
      R.Rejected,
      '2026-03-02 09:00',
      '2026-04-30 08:00',
      'ILLEGAL_TRANSITION',
    ],
    [
      'no stop once the result is ready',
      S.ResultReady,
      undefined,
      null,
      '2026-03-02 09:00',
      'ILLEGAL_TRANSITION',
    ],
  ])('%s', (_name, status, reason, since, now, expected) => {
    expect(outcome(status, reason, since, now)).toBe(expected);
  });
});

describe('K1 of an application stopped because the supplement never came', () => {
  const ctx = {
    calendar,
    settings: {
      granularity: 'day' as const,
      paymentPausesClock: false,
      deadlinePolicy: DEFAULT_DEADLINE_POLICY,
    },
  };
  // Received Mon 2/3/2026 09:00, appointment Mon 9/3 17:00; supplement asked Wed 4/3.
  const timeline = (stopReason: string) => ({
    receivedAt: vn('2026-03-02 09:00'),
    appointmentAt: vn('2026-03-09 17:00'),
    limit: { value: 5, unit: 'working_days' as const },
    events: [
      { kind: 'supplement_requested' as const, at: vn('2026-03-04 10:00') },
      { kind: 'stopped' as const, at: vn('2026-03-26 09:00'), stopReason },
    ],
  });

  it('is judged at the request (early), not at the stop weeks later', () => {
    const s = k1StandingAt(timeline(R.SupplementNotProvided), vn('2026-04-15 00:00'), ctx);
    expect(s).toMatchObject({ category: 'stopped', verdict: 'early', late: false });
    expect(s.endAt).toEqual(vn('2026-03-26 09:00'));
    expect(s.adjustedEndAt).toEqual(vn('2026-03-04 10:00'));
    // Counted in the period of the stop, like any stop.
    expect(
      isK1Member(
        timeline(R.SupplementNotProvided),
        s,
        vn('2026-03-15 00:00'),
        vn('2026-04-15 00:00'),
      ),
    ).toBe(true);
  });

  it('while a stop for another reason after the appointment is late', () => {
    const s = k1StandingAt(timeline(R.Rejected), vn('2026-04-15 00:00'), ctx);
    expect(s).toMatchObject({ category: 'stopped', verdict: 'late' });
  });
});
