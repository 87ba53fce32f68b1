/**
 * Rates over the intake window, from the timestamps PostgreSQL recorded (outbox_events
 * .published_at, consumed_events.consumed_at) and read after the run: counting rows while the
 * intake ran cost PostgreSQL ~60 ms a second on the growing tables, load that belongs to the
 * bench, not to the system it measures.
 */
export interface WindowCounts {
  /** Timestamps inside [startMs, endMs], per second of the window. */
  rate: number;
  /** The busiest whole second of the window (0 when the window is shorter than a second). */
  peakPerSecond: number;
  /** Timestamps at or before endMs. */
  byEnd: number;
}

export function windowCounts(
  timestampsMs: ArrayLike<number>,
  startMs: number,
  endMs: number,
): WindowCounts {
  const seconds = (endMs - startMs) / 1000;
  const wholeSeconds = Math.floor(seconds);
  const perSecond = new Array<number>(wholeSeconds).fill(0);
  let inside = 0;
  let byEnd = 0;
  for (let i = 0; i < timestampsMs.length; i++) {
    const at = timestampsMs[i];
    if (at > endMs) {
      continue;
    }
    byEnd++;
    if (at < startMs) {
      continue;
    }
    inside++;
    const second = Math.floor((at - startMs) / 1000);
    if (second < wholeSeconds) {
      perSecond[second]++;
    }
  }
  return {
    rate: seconds > 0 ? inside / seconds : 0,
    peakPerSecond: Math.max(0, ...perSecond),
    byEnd,
  };
}
