import fc from 'fast-check';
import { OFFICIAL_NOTICES_2025_2026, WorkingCalendar } from '../../calendar';
import { DEFAULT_DEADLINE_POLICY } from '../../deadlines';
import { k1FirstDifference, k1InPeriod, k1SegmentAt, k1Segments } from './k1-segments';
import { isK1Member, k1StandingAt } from './k1-standing';
import type { K1Context, K1Event, K1EventKind, K1Timeline } from './k1-timeline';

const calendar = new WorkingCalendar(OFFICIAL_NOTICES_2025_2026);
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const START = Date.parse('2025-01-01T00:00:00+07:00');

type State = 'processing' | 'supplement' | 'payment' | 'withdrawal' | 'ready' | 'done';
const NEXT: Record<State, Array<[K1EventKind, State, string?]>> = {
  processing: [
    ['supplement_requested', 'supplement'],
    ['payment_required', 'payment'],
    ['withdrawal_requested', 'withdrawal'],
    ['stopped', 'done', 'rejected'],
    ['result_ready', 'ready'],
  ],
  supplement: [
    ['supplement_received', 'processing'],
    ['withdrawal_requested', 'withdrawal'],
  ],
  payment: [
    ['payment_confirmed', 'processing'],
    ['withdrawal_requested', 'withdrawal'],
  ],
  withdrawal: [['stopped', 'done', 'withdrawn']],
  ready: [['result_returned', 'done']],
  done: [],
};

/** A lifecycle walk: each step picks a move and a gap (sometimes 0: same-instant events). */
const timeline = fc
  .record({
    receivedOffset: fc.integer({ min: 0, max: 600 * DAY }),
    limitDays: fc.integer({ min: 0, max: 20 }),
    withAppointment: fc.boolean(),
    steps: fc.array(
      fc.record({
        move: fc.nat(),
        gap: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 25 * DAY })),
      }),
      { maxLength: 8 },
    ),
  })
  .map(({ receivedOffset, limitDays, withAppointment, steps }): K1Timeline => {
    const receivedAt = new Date(START + receivedOffset);
    const events: K1Event[] = [];
    let state: State = 'processing';
    let at = receivedAt.getTime();
    for (const step of steps) {
      const moves: Array<[K1EventKind, State, string?]> = NEXT[state];
      if (moves.length === 0) {
        break;
      }
      const [kind, next, stopReason]: [K1EventKind, State, string?] =
        moves[step.move % moves.length];
      at += step.gap;
      events.push({ kind, at: new Date(at), stopReason });
      state = next;
    }
    return {
      receivedAt,
      appointmentAt: withAppointment ? new Date(receivedAt.getTime() + limitDays * DAY) : null,
      limit: { value: limitDays, unit: 'working_days' },
      events,
    };
  });

const settings = fc.record({
  granularity: fc.constantFrom<'day' | 'instant'>('day', 'instant'),
  paymentPausesClock: fc.boolean(),
});

describe('k1Segments: a compressed form of k1StandingAt that the database can index', () => {
  it('answers every period exactly as the standing at its end does (membership, category, verdict)', () => {
    fc.assert(
      fc.property(
        timeline,
        settings,
        fc.integer({ min: -5 * DAY, max: 300 * DAY }),
        fc.integer({ min: 0, max: 400 * DAY }),
        (t, s, asOfAfterReception, periodLength) => {
          const ctx: K1Context = {
            calendar,
            settings: { ...s, deadlinePolicy: DEFAULT_DEADLINE_POLICY },
          };
          const asOf = new Date(t.receivedAt.getTime() + asOfAfterReception);
          const periodStart = new Date(asOf.getTime() - 1 - periodLength);
          const segment = k1SegmentAt(k1Segments(t, ctx), asOf);
          const fromSegments = segment ? k1InPeriod(segment, periodStart, asOf) : null;
          let expected = null;
          if (asOf.getTime() > t.receivedAt.getTime()) {
            const standing = k1StandingAt(t, asOf, ctx);
            if (isK1Member(t, standing, periodStart, asOf)) {
              expected = { category: standing.category, verdict: standing.verdict };
            }
          }
          expect(fromSegments).toEqual(expected);
        },
      ),
      { numRuns: 10_000 },
    );
  });

  it('probes every segment boundary and the instants around each open segment turning late', () => {
    fc.assert(
      fc.property(timeline, settings, (t, s) => {
        const ctx: K1Context = {
          calendar,
          settings: { ...s, deadlinePolicy: DEFAULT_DEADLINE_POLICY },
        };
        const segments = k1Segments(t, ctx);
        const probes = segments.flatMap((seg) =>
          [seg.validFrom, seg.validTo, seg.lateFrom]
            .filter((d): d is Date => d !== null)
            .flatMap((d) => [d.getTime() - 1, d.getTime(), d.getTime() + 1]),
        );
        for (const probe of probes) {
          const asOf = new Date(probe);
          if (asOf.getTime() <= t.receivedAt.getTime()) {
            expect(k1SegmentAt(segments, asOf)).toBeNull();
            continue;
          }
          const standing = k1StandingAt(t, asOf, ctx);
          const segment = k1SegmentAt(segments, asOf)!;
          // A period starting at the reception: every application is a member of it.
          expect(k1InPeriod(segment, t.receivedAt, asOf)).toEqual({
            category: standing.category,
            verdict: standing.verdict,
          });
        }
      }),
      { numRuns: 3_000 },
    );
  });

  it('an application received, then resolved on time, is two segments', () => {
    const receivedAt = new Date('2026-03-02T09:00:00+07:00');
    const ready = new Date('2026-03-05T10:00:00+07:00');
    const segments = k1Segments(
      {
        receivedAt,
        appointmentAt: new Date('2026-03-09T17:00:00+07:00'),
        limit: { value: 5, unit: 'working_days' },
        events: [
          { kind: 'result_ready', at: ready },
          { kind: 'result_returned', at: new Date('2026-03-20T10:00:00+07:00') },
        ],
      },
      {
        calendar,
        settings: {
          granularity: 'day',
          paymentPausesClock: false,
          deadlinePolicy: DEFAULT_DEADLINE_POLICY,
        },
      },
    );
    expect(segments).toEqual([
      // Open until the result; late from 10/3 00:00 + 1 ms judged (T − 1 ms on 10/3).
      {
        validFrom: receivedAt,
        validTo: ready,
        category: 'open',
        endAt: null,
        verdict: null,
        lateFrom: new Date(Date.parse('2026-03-10T00:00:00+07:00') + 1),
      },
      {
        validFrom: ready,
        validTo: null,
        category: 'resolved',
        endAt: ready,
        verdict: 'early',
        lateFrom: null,
      },
    ]);
  });
});

describe('k1FirstDifference', () => {
  const ctx: K1Context = {
    calendar,
    settings: {
      granularity: 'day',
      paymentPausesClock: false,
      deadlinePolicy: DEFAULT_DEADLINE_POLICY,
    },
  };
  const base: K1Timeline = {
    receivedAt: new Date('2026-03-02T09:00:00+07:00'),
    appointmentAt: new Date('2026-03-09T17:00:00+07:00'),
    limit: { value: 5, unit: 'working_days' },
    events: [],
  };
  const at = (s: string) => new Date(`${s}+07:00`);

  it('a new event differs from its own time on; the same history does not differ', () => {
    const before = k1Segments(base, ctx);
    const after = k1Segments(
      { ...base, events: [{ kind: 'result_ready', at: at('2026-03-05T10:00:00') }] },
      ctx,
    );
    expect(k1FirstDifference(before, after)).toEqual(at('2026-03-05T10:00:00'));
    expect(
      k1FirstDifference(
        after,
        k1Segments(
          { ...base, events: [{ kind: 'result_ready', at: at('2026-03-05T10:00:00') }] },
          ctx,
        ),
      ),
    ).toBeNull();
  });

  it('a back-dated reception differs from the earlier reception on', () => {
    const before = k1Segments(base, ctx);
    const after = k1Segments({ ...base, receivedAt: at('2026-02-27T09:00:00') }, ctx);
    expect(k1FirstDifference(before, after)).toEqual(at('2026-02-27T09:00:00'));
  });

  it('agrees with a brute-force comparison of the standings at every boundary', () => {
    fc.assert(
      fc.property(timeline, timeline, (a, b) => {
        const sa = k1Segments(a, ctx);
        const sb = k1Segments(b, ctx);
        const first = k1FirstDifference(sa, sb);
        const probes = [...sa, ...sb]
          .flatMap((s) => [s.validFrom, s.validTo])
          .filter((d): d is Date => d !== null)
          .flatMap((d) => [d.getTime(), d.getTime() + 1]);
        for (const p of probes) {
          const x = k1SegmentAt(sa, new Date(p));
          const y = k1SegmentAt(sb, new Date(p));
          const same =
            JSON.stringify(x && { ...x, validFrom: 0, validTo: 0 }) ===
            JSON.stringify(y && { ...y, validFrom: 0, validTo: 0 });
          if (first === null || p <= first.getTime()) {
            expect(same).toBe(true);
          }
        }
        if (first !== null) {
          const x = k1SegmentAt(sa, new Date(first.getTime() + 1));
          const y = k1SegmentAt(sb, new Date(first.getTime() + 1));
          expect(JSON.stringify(x && { ...x, validFrom: 0, validTo: 0 })).not.toBe(
            JSON.stringify(y && { ...y, validFrom: 0, validTo: 0 }),
          );
        }
      }),
      { numRuns: 3_000 },
    );
  });
});
