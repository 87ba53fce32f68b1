import { addLocalDays, atLocalMillis, toLocalDate } from '../../calendar';
import { K1Category, k1StandingAt, K1Verdict, normalisedEvents } from './k1-standing';
import { K1Context, K1Timeline } from './k1-timeline';

/**
 * One application's K1 standing over an interval of "as of" instants: for every T with
 * validFrom < T ≤ validTo (validTo null: no end), k1StandingAt(timeline, T) is this segment.
 * An application's whole K1 history is a handful of these, so "who counts in a period, and how"
 * is one indexed query over them (libs/database), for any period, at any time afterwards.
 */
export interface K1Segment {
  validFrom: Date;
  validTo: Date | null;
  category: K1Category;
  /** The clock's end (closed categories); null while open. */
  endAt: Date | null;
  /** Closed categories: early / on_day / late. Null while open (see lateFrom). */
  verdict: Exclude<K1Verdict, 'on_time'> | null;
  /** Open: late when judged at any T ≥ lateFrom; null: never late within this segment. */
  lateFrom: Date | null;
}

/** What a segment says about one period [periodStart, asOf): null when not a member. */
export interface K1PeriodStanding {
  category: K1Category;
  verdict: K1Verdict;
}

/**
 * The segments of a timeline, in order, adjacent equal ones merged. A new segment can start only
 * at an event (what is known changes nowhere else); an open one turns late at a threshold that
 * is computed, not sampled: judged at T − 1 ms, its adjusted end is T − 1 − W (W: the waits
 * subtracted), late once that passes the appointment (its local day, by default).
 */
export function k1Segments(timeline: K1Timeline, ctx: K1Context): K1Segment[] {
  const instants = [
    ...new Set([
      timeline.receivedAt.getTime(),
      ...normalisedEvents(timeline).map((e) => e.at.getTime()),
    ]),
  ].sort((a, b) => a - b);
  const segments: K1Segment[] = [];
  instants.forEach((from, i) => {
    const validFrom = new Date(from);
    const to = instants[i + 1];
    const standing = k1StandingAt(timeline, new Date(from + 1), ctx);
    let lateFrom: Date | null = null;
    if (standing.category === 'open') {
      if (standing.supplementRequests > 1 || (standing.clockPaused && standing.late)) {
        lateFrom = validFrom; // late throughout
      } else if (!standing.clockPaused) {
        const waited = standing.judgedAt.getTime() - standing.adjustedEndAt.getTime();
        lateFrom = new Date(lateThreshold(standing.appointmentAt, ctx) + waited + 1);
      }
    }
    const segment: K1Segment = {
      validFrom,
      validTo: to === undefined ? null : new Date(to),
      category: standing.category,
      endAt: standing.endAt,
      verdict: standing.category === 'open' ? null : (standing.verdict as K1Segment['verdict']),
      lateFrom,
    };
    const previous = segments.at(-1);
    if (previous && sameStanding(previous, segment)) {
      previous.validTo = segment.validTo;
    } else {
      segments.push(segment);
    }
  });
  return segments;
}

/** The first adjusted end that is late: the start of the day after the appointment's, or just after it. */
function lateThreshold(appointmentAt: Date, ctx: K1Context): number {
  if (ctx.settings.granularity === 'instant') {
    return appointmentAt.getTime() + 1;
  }
  return atLocalMillis(addLocalDays(toLocalDate(appointmentAt), 1), 0).getTime();
}

function sameStanding(a: K1Segment, b: K1Segment): boolean {
  const t = (d: Date | null) => (d === null ? null : d.getTime());
  return (
    a.category === b.category &&
    t(a.endAt) === t(b.endAt) &&
    a.verdict === b.verdict &&
    t(a.lateFrom) === t(b.lateFrom)
  );
}

/**
 * The segment's answer for the period [periodStart, asOf), or null when the segment does not
 * hold at asOf or the application is not in the period's population. This is THE membership
 * and verdict rule; libs/database's SQL applies the same predicate (k1-segment.sql.ts, checked
 * against this function by a test).
 */
export function k1InPeriod(
  segment: K1Segment,
  periodStart: Date,
  asOf: Date,
): K1PeriodStanding | null {
  const t = asOf.getTime();
  if (!(
    segment.validFrom.getTime() < t &&
    (segment.validTo === null || t <= segment.validTo.getTime())
  )) {
    return null;
  }
  if (segment.category !== 'open') {
    return segment.endAt!.getTime() >= periodStart.getTime()
      ? { category: segment.category, verdict: segment.verdict! }
      : null;
  }
  const late = segment.lateFrom !== null && t >= segment.lateFrom.getTime();
  return { category: 'open', verdict: late ? 'late' : 'on_time' };
}

/** The one segment holding at asOf, if any (the application had been received by then). */
export function k1SegmentAt(segments: readonly K1Segment[], asOf: Date): K1Segment | null {
  const t = asOf.getTime();
  return (
    segments.find(
      (s) => s.validFrom.getTime() < t && (s.validTo === null || t <= s.validTo.getTime()),
    ) ?? null
  );
}

/**
 * The earliest instant from which two segment lists answer differently (as of any T after it),
 * or null when they agree everywhere. A new event at time t differs from t on; a correction
 * dated in the past differs from that past instant — which can change a closed period.
 */
export function k1FirstDifference(
  before: readonly K1Segment[],
  after: readonly K1Segment[],
): Date | null {
  const boundaries = [...before, ...after]
    .flatMap((s) => [s.validFrom, s.validTo])
    .filter((d): d is Date => d !== null)
    .map((d) => d.getTime());
  for (const t of [...new Set(boundaries)].sort((a, b) => a - b)) {
    // Both lists are constant on (t, next boundary]: compare just after t.
    const a = k1SegmentAt(before, new Date(t + 1));
    const b = k1SegmentAt(after, new Date(t + 1));
    if (a === null || b === null ? a !== b : !sameStanding(a, b)) {
      return new Date(t);
    }
  }
  return null;
}
