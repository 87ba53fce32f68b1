import fc from 'fast-check';
import { Channel, StopReason } from './k1-reference';

/**
 * Scripts of applications for the K1 reference test, generated with fast-check: what happens
 * to each application and roughly when, relative to its reception and its appointment. The
 * driver turns them into times once the real intake has given the appointment.
 */

/** Reception days worth having many of: around Tết 2026, 30/4–1/5, 2/9 and swapped Saturdays. */
export const SPECIAL_RECEPTION_DAYS = [
  '2025-12-31', // before New Year's Day
  '2026-01-09', // Fri before the swapped working Saturday
  '2026-01-10', // Sat 10/1/2026, a working day (swap for Fri 2/1)
  '2026-02-12',
  '2026-02-13', // last working day before Tết (16–20/2/2026)
  '2026-02-23', // first working day after Tết
  '2026-04-24',
  '2026-04-29', // before Giỗ Tổ (27/4 in lieu) … 30/4–1/5
  '2026-08-21',
  '2026-08-22', // Sat 22/8/2026, a working day (swap for Mon 31/8)
  '2026-08-28', // before 31/8–2/9
  '2026-09-03', // after National Day
] as const;

/** Reception at the cut-off (15:00: strictly after it counts from the next working day). */
export const CUTOFF_MINUTES = [14 * 60 + 59, 15 * 60, 15 * 60 + 1] as const;

export type Ending =
  /** result ready, `offsetDays` from the appointment day (plus supplement waits) */
  | 'ready'
  /** refusal after appraisal: stop with reason 'rejected' */
  | 'rejected'
  | 'stopped-other'
  /** stopped directly with reason 'withdrawn' (no request first) */
  | 'stopped-withdrawn'
  /** the applicant asks to withdraw; the request stays pending */
  | 'withdrawal-pending'
  /** the applicant asks to withdraw, then the department stops it */
  | 'withdrawal-then-stop'
  /** nothing more happens: open across every later period end */
  | 'open';

export interface Script {
  index: number;
  department: number;
  procedure: number;
  channel: Channel;
  /** A day of the generated year (0..1 of it), or one of SPECIAL_RECEPTION_DAYS. */
  receptionDay: { fraction: number } | { special: number };
  /** Minutes after local midnight (07:30–16:50), or a cut-off minute. */
  receptionMinute: number;
  /** Online and postal: submitted, then received / refused at the desk, or never looked at. */
  desk: 'received' | 'refused' | 'never';
  deskDelayMinutes: number;
  /** Liên thông: to another department after some days, and back (or never back). */
  handOver: { afterDays: number; budget: number; backAfterDays: number | null } | null;
  /** Up to two supplement requests; `waitDays` null: left unanswered (only the last). */
  supplements: Array<{ afterDays: number; waitDays: number | null }>;
  payment: { afterDays: number; waitDays: number | null } | null;
  apology: boolean;
  ending: Ending;
  /** Working days around the appointment day for the ending (ready, stop, withdrawal). */
  offsetDays: number;
  /** Time of day of the ending; a few just before or after midnight (local day edges). */
  endingMinute: number;
  withdrawalStop: { afterDays: number; reason: StopReason | null } | null;
  returnAfterDays: number | null;
}

/** `arbitrary` in about `percent` % of the scripts, null otherwise. */
const sometimes = <T>(arbitrary: fc.Arbitrary<T>, percent: number): fc.Arbitrary<T | null> =>
  fc.oneof({ arbitrary, weight: percent }, { arbitrary: fc.constant(null), weight: 100 - percent });

const officeMinute = fc.integer({ min: 7 * 60 + 30, max: 16 * 60 + 50 });

const receptionMinute = fc.oneof(
  { arbitrary: officeMinute, weight: 8 },
  { arbitrary: fc.constantFrom(...CUTOFF_MINUTES), weight: 3 },
);

const endingMinute = fc.oneof(
  { arbitrary: officeMinute, weight: 20 },
  // 23:50 and 00:10 local: the UTC date differs from the local one on one side.
  { arbitrary: fc.constantFrom(23 * 60 + 50, 10), weight: 1 },
);

const ending = fc.oneof(
  { arbitrary: fc.constant<Ending>('ready'), weight: 60 },
  { arbitrary: fc.constant<Ending>('rejected'), weight: 8 },
  { arbitrary: fc.constant<Ending>('stopped-other'), weight: 3 },
  // 'stopped-withdrawn' (a withdrawn stop without a request) is refused since issue 15 point 10.
  { arbitrary: fc.constant<Ending>('withdrawal-pending'), weight: 4 },
  { arbitrary: fc.constant<Ending>('withdrawal-then-stop'), weight: 6 },
  // Rare: never closed, it is open (and soon late) at every later period end.
  { arbitrary: fc.constant<Ending>('open'), weight: 1 },
);

const supplement = (answered: fc.Arbitrary<boolean>) =>
  fc.record({
    afterDays: fc.integer({ min: 0, max: 4 }),
    waitDays: fc.tuple(answered, fc.integer({ min: 0, max: 12 })).map(([a, d]) => (a ? d : null)),
  });

const supplements = fc.oneof(
  { arbitrary: fc.constant<Script['supplements']>([]), weight: 14 },
  {
    arbitrary: supplement(fc.integer({ min: 0, max: 4 }).map((n) => n > 0)).map((s) => [s]),
    weight: 5,
  },
  {
    arbitrary: fc
      .tuple(
        supplement(fc.constant(true)),
        supplement(fc.integer({ min: 0, max: 2 }).map((n) => n > 0)),
      )
      .map(([a, b]) => [a, b]),
    weight: 2,
  },
);

const script = fc.record({
  department: fc.integer({ min: 0, max: 3 }),
  procedure: fc.integer({ min: 0, max: 1 }),
  channel: fc.oneof(
    { arbitrary: fc.constant<Channel>('direct'), weight: 5 },
    { arbitrary: fc.constant<Channel>('online'), weight: 3 },
    { arbitrary: fc.constant<Channel>('postal'), weight: 2 },
  ),
  receptionDay: fc.oneof(
    {
      arbitrary: fc
        // Unbiased: fast-check favours small values, which would crowd the first days.
        .noBias(fc.integer({ min: 0, max: 999_999 }))
        .map((n) => ({ fraction: n / 1_000_000 })),
      weight: 6,
    },
    {
      arbitrary: fc
        .integer({ min: 0, max: SPECIAL_RECEPTION_DAYS.length - 1 })
        .map((special) => ({ special })),
      weight: 1,
    },
  ),
  receptionMinute,
  desk: fc.oneof(
    { arbitrary: fc.constant<Script['desk']>('received'), weight: 16 },
    { arbitrary: fc.constant<Script['desk']>('refused'), weight: 2 },
    { arbitrary: fc.constant<Script['desk']>('never'), weight: 1 },
  ),
  deskDelayMinutes: fc.integer({ min: 5, max: 3 * 24 * 60 }),
  handOver: sometimes(
    fc.record({
      afterDays: fc.integer({ min: 0, max: 3 }),
      budget: fc.integer({ min: 1, max: 4 }),
      backAfterDays: sometimes(fc.integer({ min: 0, max: 6 }), 80),
    }),
    12,
  ),
  supplements,
  payment: sometimes(
    fc.record({
      afterDays: fc.integer({ min: 0, max: 3 }),
      waitDays: sometimes(fc.integer({ min: 0, max: 8 }), 95),
    }),
    10,
  ),
  apology: fc.integer({ min: 0, max: 9 }).map((n) => n === 0),
  ending,
  // Mostly on time, as in a department that meets most of its deadlines.
  offsetDays: fc.oneof(
    { arbitrary: fc.integer({ min: -5, max: 0 }), weight: 85 },
    { arbitrary: fc.integer({ min: 1, max: 8 }), weight: 15 },
  ),
  endingMinute,
  withdrawalStop: fc.record({
    afterDays: fc.integer({ min: 0, max: 6 }),
    reason: fc.constantFrom<StopReason | null>(null, null, null, 'withdrawn', 'other'),
  }),
  // K1 ends at the result, not its return: a return in some scripts is enough (and cheaper).
  returnAfterDays: sometimes(fc.integer({ min: 0, max: 6 }), 40),
});

/**
 * A script the lifecycle allows: a result or a stop needs the application in processing, so
 * an unanswered supplement request or a pending payment leaves only a withdrawal, or nothing.
 */
function normalise(s: Script): Script {
  const waiting =
    s.supplements.some((x) => x.waitDays === null) ||
    (s.payment !== null && s.payment.waitDays === null);
  let ending = s.ending;
  if (waiting && !['withdrawal-pending', 'withdrawal-then-stop', 'open'].includes(ending)) {
    ending =
      s.index % 3 === 0
        ? 'withdrawal-then-stop'
        : s.index % 3 === 1
          ? 'withdrawal-pending'
          : 'open';
  }
  return {
    ...s,
    desk: s.channel === 'direct' ? 'received' : s.desk,
    ending,
    withdrawalStop: ending === 'withdrawal-then-stop' ? s.withdrawalStop : null,
    returnAfterDays: ending === 'ready' ? s.returnAfterDays : null,
  };
}

/** `count` scripts from one seed: the same seed gives the same scripts. */
export function generateScripts(count: number, seed: number): Script[] {
  return fc.sample(script, { seed, numRuns: count }).map((s, index) => normalise({ ...s, index }));
}
