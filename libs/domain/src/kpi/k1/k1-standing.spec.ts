import { OFFICIAL_NOTICES_2025_2026, WorkingCalendar } from '../../calendar';
import { DEFAULT_DEADLINE_POLICY } from '../../deadlines';
import { isK1Member, k1StandingAt, type K1Category, type K1Verdict } from './k1-standing';
import type { K1Context, K1Event, K1EventKind, K1Timeline } from './k1-timeline';

const calendar = new WorkingCalendar(OFFICIAL_NOTICES_2025_2026);
const ctx = (over: Partial<K1Context['settings']> = {}): K1Context => ({
  calendar,
  settings: {
    granularity: 'day',
    paymentPausesClock: false,
    deadlinePolicy: DEFAULT_DEADLINE_POLICY,
    ...over,
  },
});
const vn = (local: string) => new Date(`${local.replace(' ', 'T')}:00+07:00`);
/** 00:00 of a local day: the end (exclusive) of the period that closes the day before. */
const midnight = (day: string) => vn(`${day} 00:00`);
const ev = (kind: K1EventKind, at: string, stopReason?: string): K1Event => ({
  kind,
  at: vn(at),
  stopReason,
});

/** Received Mon 2/3/2026 09:00, 5 working days: appointment Mon 9/3/2026 17:00. */
function march(events: K1Event[], over: Partial<K1Timeline> = {}): K1Timeline {
  return {
    receivedAt: vn('2026-03-02 09:00'),
    appointmentAt: vn('2026-03-09 17:00'),
    limit: { value: 5, unit: 'working_days' },
    events,
    ...over,
  };
}

type Row = [string, K1Timeline, string, K1Category, K1Verdict, string | null];

describe('k1StandingAt: the end, its category and the verdict (spec §4)', () => {
  it.each<Row>([
    // [case, timeline, as of (exclusive end of the period), category, verdict, end]
    [
      'result the day before the appointment',
      march([ev('result_ready', '2026-03-06 10:00')]),
      '2026-04-01',
      'resolved',
      'early',
      '2026-03-06 10:00',
    ],
    [
      'result on the appointment day, after 17:00 (day granularity)',
      march([ev('result_ready', '2026-03-09 18:00')]),
      '2026-04-01',
      'resolved',
      'on_day',
      '2026-03-09 18:00',
    ],
    [
      'result a day late',
      march([ev('result_ready', '2026-03-10 08:00')]),
      '2026-04-01',
      'resolved',
      'late',
      '2026-03-10 08:00',
    ],
    [
      'the clock stops at 9, not at the return (10)',
      march([ev('result_ready', '2026-03-09 10:00'), ev('result_returned', '2026-03-20 10:00')]),
      '2026-04-01',
      'resolved',
      'on_day',
      '2026-03-09 10:00',
    ],
    [
      'returned without a recorded 9: 10 ends it',
      march([ev('result_returned', '2026-03-11 10:00')]),
      '2026-04-01',
      'resolved',
      'late',
      '2026-03-11 10:00',
    ],
    [
      'refused after appraisal (8, rejected) after the appointment is late',
      march([ev('stopped', '2026-03-12 10:00', 'rejected')]),
      '2026-04-01',
      'stopped',
      'late',
      '2026-03-12 10:00',
    ],
    [
      'refused after appraisal within the limit',
      march([ev('stopped', '2026-03-05 10:00', 'rejected')]),
      '2026-04-01',
      'stopped',
      'early',
      '2026-03-05 10:00',
    ],
    [
      'withdrawal requested (7): the clock ends at the request',
      march([ev('withdrawal_requested', '2026-03-04 10:00')]),
      '2026-04-01',
      'withdrawn',
      'early',
      '2026-03-04 10:00',
    ],
    [
      '7 then 8 withdrawn: the stop (8) is the end once known',
      march([
        ev('withdrawal_requested', '2026-03-04 10:00'),
        ev('stopped', '2026-03-10 10:00', 'withdrawn'),
      ]),
      '2026-04-01',
      'withdrawn',
      'late',
      '2026-03-10 10:00',
    ],
    [
      '7 then 8, judged before the stop: 7 is the end',
      march([
        ev('withdrawal_requested', '2026-03-04 10:00'),
        ev('stopped', '2026-03-10 10:00', 'withdrawn'),
      ]),
      '2026-03-10',
      'withdrawn',
      'early',
      '2026-03-04 10:00',
    ],
    [
      'one unanswered supplement request: the request ends the clock',
      march([ev('supplement_requested', '2026-03-03 10:00')]),
      '2026-04-01',
      'awaiting_supplement',
      'early',
      '2026-03-03 10:00',
    ],
    [
      'the supplement came: open again, its wait subtracted (3/3 → 13/3 = 10 days; judged 19/3 24:00 − 10 days = 9/3)',
      march([
        ev('supplement_requested', '2026-03-03 10:00'),
        ev('supplement_received', '2026-03-13 10:00'),
      ]),
      '2026-03-20',
      'open',
      'on_time',
      null,
    ],
    [
      '... and late once the end minus the wait passes 9/3 (judged 20/3 24:00 − 10 days = 10/3)',
      march([
        ev('supplement_requested', '2026-03-03 10:00'),
        ev('supplement_received', '2026-03-13 10:00'),
      ]),
      '2026-03-21',
      'open',
      'late',
      null,
    ],
    [
      'result 3 days after the appointment, 3 days of supplement wait: on the day',
      march([
        ev('supplement_requested', '2026-03-03 10:00'),
        ev('supplement_received', '2026-03-06 10:00'),
        ev('result_ready', '2026-03-12 09:00'),
      ]),
      '2026-04-01',
      'resolved',
      'on_day',
      '2026-03-12 09:00',
    ],
    [
      'two supplement requests are late whatever the dates',
      march([
        ev('supplement_requested', '2026-03-03 10:00'),
        ev('supplement_received', '2026-03-04 10:00'),
        ev('supplement_requested', '2026-03-04 11:00'),
        ev('supplement_received', '2026-03-04 12:00'),
        ev('result_ready', '2026-03-05 10:00'),
      ]),
      '2026-04-01',
      'resolved',
      'late',
      '2026-03-05 10:00',
    ],
    [
      'second request unanswered: open (not "awaiting"), late',
      march([
        ev('supplement_requested', '2026-03-03 10:00'),
        ev('supplement_received', '2026-03-04 10:00'),
        ev('supplement_requested', '2026-03-05 10:00'),
      ]),
      '2026-03-06',
      'open',
      'late',
      null,
    ],
    [
      'open at the period end, the appointment day not passed',
      march([]),
      '2026-03-10',
      'open',
      'on_time',
      null,
    ],
    [
      'open at the period end, a day past the appointment',
      march([]),
      '2026-03-11',
      'open',
      'late',
      null,
    ],
    [
      'later events are unknown as of an earlier instant',
      march([ev('result_ready', '2026-03-20 10:00')]),
      '2026-03-10',
      'open',
      'on_time',
      null,
    ],
    [
      'an event at exactly the instant asked about is not yet known',
      march([ev('result_ready', '2026-03-10 00:00')]),
      '2026-03-10',
      'open',
      'on_time',
      null,
    ],
    // Tết 2026 (Mon 16 – Fri 20/2 off): received Fri 13/2 10:00, 5 working days → Fri 27/2 17:00.
    [
      'over Tết: a result on Fri 27/2 is on the day',
      march([ev('result_ready', '2026-02-27 16:00')], {
        receivedAt: vn('2026-02-13 10:00'),
        appointmentAt: vn('2026-02-27 17:00'),
      }),
      '2026-04-01',
      'resolved',
      'on_day',
      '2026-02-27 16:00',
    ],
    [
      'over Tết: on Mon 2/3 it is late',
      march([ev('result_ready', '2026-03-02 08:00')], {
        receivedAt: vn('2026-02-13 10:00'),
        appointmentAt: vn('2026-02-27 17:00'),
      }),
      '2026-04-01',
      'resolved',
      'late',
      '2026-03-02 08:00',
    ],
    [
      'no appointment: the limit from the reception (received 15:00 exactly, 1 day → due Tue 3/3)',
      march([ev('result_ready', '2026-03-03 16:00')], {
        receivedAt: vn('2026-03-02 15:00'),
        appointmentAt: null,
        limit: { value: 1, unit: 'working_days' },
      }),
      '2026-04-01',
      'resolved',
      'on_day',
      '2026-03-03 16:00',
    ],
    [
      'no appointment, received 15:01: day 0 is Tue 3/3, due Wed 4/3',
      march([ev('result_ready', '2026-03-04 16:00')], {
        receivedAt: vn('2026-03-02 15:01'),
        appointmentAt: null,
        limit: { value: 1, unit: 'working_days' },
      }),
      '2026-04-01',
      'resolved',
      'on_day',
      '2026-03-04 16:00',
    ],
    [
      'no appointment, received 15:00: due Tue 3/3, so Wed 4/3 is late',
      march([ev('result_ready', '2026-03-04 16:00')], {
        receivedAt: vn('2026-03-02 15:00'),
        appointmentAt: null,
        limit: { value: 1, unit: 'working_days' },
      }),
      '2026-04-01',
      'resolved',
      'late',
      '2026-03-04 16:00',
    ],
  ])('%s', (_name, timeline, asOf, category, verdict, end) => {
    const s = k1StandingAt(timeline, midnight(asOf), ctx());
    expect({ category: s.category, verdict: s.verdict, end: s.endAt?.getTime() ?? null }).toEqual({
      category,
      verdict,
      end: end === null ? null : vn(end).getTime(),
    });
  });

  it('instant granularity: 18:00 on the appointment day is late', () => {
    const t = march([ev('result_ready', '2026-03-09 18:00')]);
    expect(k1StandingAt(t, midnight('2026-04-01'), ctx({ granularity: 'instant' })).verdict).toBe(
      'late',
    );
    expect(k1StandingAt(t, midnight('2026-04-01'), ctx()).verdict).toBe('on_day');
  });

  it('payment waits are subtracted only when payment pauses the clock, a pending one up to the end', () => {
    const t = march([
      ev('payment_required', '2026-03-04 10:00'),
      ev('payment_confirmed', '2026-03-11 10:00'),
      ev('result_ready', '2026-03-12 10:00'),
    ]);
    expect(k1StandingAt(t, midnight('2026-04-01'), ctx()).verdict).toBe('late');
    expect(k1StandingAt(t, midnight('2026-04-01'), ctx({ paymentPausesClock: true })).verdict).toBe(
      'early',
    );
    const pending = march([ev('payment_required', '2026-03-04 10:00')]);
    // Judged on 31/3, still waiting for the payment since 4/3: the clock stopped on 4/3.
    const s = k1StandingAt(pending, midnight('2026-04-01'), ctx({ paymentPausesClock: true }));
    expect([s.category, s.verdict, s.clockPaused]).toEqual(['open', 'on_time', true]);
    expect(k1StandingAt(pending, midnight('2026-04-01'), ctx()).verdict).toBe('late');
  });
});

describe('isK1Member: who is in a period (received in it, or earlier and open or closed in it)', () => {
  const cases: Array<[string, K1Timeline, string, string, boolean]> = [
    [
      'received in the period',
      march([ev('result_ready', '2026-04-10 10:00')]),
      '2026-03-01',
      '2026-04-01',
      true,
    ],
    [
      'received before, closed in it (carried over)',
      march([ev('result_ready', '2026-04-10 10:00')]),
      '2026-04-01',
      '2026-05-01',
      true,
    ],
    [
      'received before, still open at its end',
      march([ev('result_ready', '2026-06-10 10:00')]),
      '2026-04-01',
      '2026-05-01',
      true,
    ],
    [
      'closed before the period',
      march([ev('result_ready', '2026-03-10 10:00')]),
      '2026-04-01',
      '2026-05-01',
      false,
    ],
    [
      'withdrawal requested before the period: its clock ended, not a member',
      march([ev('withdrawal_requested', '2026-03-10 10:00')]),
      '2026-04-01',
      '2026-05-01',
      false,
    ],
    [
      'the one unanswered supplement request before the period: not a member',
      march([ev('supplement_requested', '2026-03-03 10:00')]),
      '2026-04-01',
      '2026-05-01',
      false,
    ],
    [
      '... but once answered in the period it is open again: a member',
      march([
        ev('supplement_requested', '2026-03-03 10:00'),
        ev('supplement_received', '2026-04-02 10:00'),
      ]),
      '2026-04-01',
      '2026-05-01',
      true,
    ],
    [
      'received after the period',
      march([], { receivedAt: vn('2026-05-04 09:00') }),
      '2026-04-01',
      '2026-05-01',
      false,
    ],
    [
      'received at 00:00 of the next period',
      march([], { receivedAt: midnight('2026-05-01') }),
      '2026-04-01',
      '2026-05-01',
      false,
    ],
  ];
  it.each(cases)('%s', (_name, timeline, from, asOf, member) => {
    const standing = k1StandingAt(timeline, midnight(asOf), ctx());
    expect(isK1Member(timeline, standing, midnight(from), midnight(asOf))).toBe(member);
  });
});
