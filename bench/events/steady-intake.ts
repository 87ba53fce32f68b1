import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';

const TICK_MS = 10;

export interface SteadyIntakeResult {
  /** Event id → wall-clock ms when its insert was seen committed (warm-up's included). */
  commitMs: Map<string, number>;
  /** The events issued during the warm-up: committed, not measured. */
  warmupIds: Set<string>;
  /** Dropped during the warm-up (not counted in `dropped`). */
  warmupDropped: number;
  /** Wall-clock ms when the measured window began (the end of the warm-up). */
  measuredFromMs: number;
  failures: string[];
  /** Dropped in the measured window. */
  dropped: number;
  /** Length of the measured window. */
  seconds: number;
  /**
   * Sorted, ms: issue → committed of each intake issued in the measured window. An intake is
   * dropped when `maxInFlight` are outstanding, i.e. when the ones before it took longer than
   * maxInFlight / rate: this says how close the run came to that.
   */
  latencies: Float64Array;
}

/**
 * Steady intake, paced by a timer: every 10 ms, issue what the schedule owes (rate/100 per
 * tick), at most `maxInFlight` outstanding; what cannot be issued is dropped, not caught up
 * (an open-loop load: a slow server does not slow the arrivals down). The first `warmup`
 * seconds run the same schedule but are reported apart: connections, JIT and the first plans.
 */
export async function steadyIntake(options: {
  rate: number;
  duration: number;
  /** Seconds run first and reported apart (0 when not given). */
  warmup?: number;
  maxInFlight: number;
  interrupted: () => boolean;
  /** Inserts one application; resolves with its outbox event id once committed. */
  insertOne: (index: number) => Promise<string>;
}): Promise<SteadyIntakeResult> {
  const commitMs = new Map<string, number>();
  const warmupIds = new Set<string>();
  const failures: string[] = [];
  const latencies: number[] = [];
  let issued = 0;
  let dropped = 0;
  let warmupDropped = 0;
  let inFlight = 0;
  const started = performance.now();
  const warmup = options.warmup ?? 0;
  const measuredFrom = started + warmup * 1000;
  let measuredFromMs = warmup > 0 ? 0 : Date.now();
  const stopAt = measuredFrom + options.duration * 1000;
  await new Promise<void>((resolve) => {
    const tick = setInterval(() => {
      const now = performance.now();
      if (now >= stopAt || options.interrupted()) {
        clearInterval(tick);
        resolve();
        return;
      }
      const warming = now < measuredFrom;
      if (!warming && measuredFromMs === 0) {
        measuredFromMs = Date.now();
      }
      const owed =
        Math.floor(((now - started) / 1000) * options.rate) - issued - dropped - warmupDropped;
      for (let i = 0; i < owed; i++) {
        if (inFlight >= options.maxInFlight) {
          if (warming) {
            warmupDropped += owed - i;
          } else {
            dropped += owed - i;
          }
          break;
        }
        inFlight++;
        const issuedAt = performance.now();
        options
          .insertOne(issued++)
          .then((eventId) => {
            commitMs.set(eventId, Date.now());
            if (warming) {
              warmupIds.add(eventId);
            } else {
              latencies.push(performance.now() - issuedAt);
            }
          })
          .catch((error: Error) => failures.push(error.message))
          .finally(() => inFlight--);
      }
    }, TICK_MS);
  });
  while (inFlight > 0) {
    await sleep(5);
  }
  return {
    commitMs,
    warmupIds,
    warmupDropped,
    measuredFromMs: measuredFromMs || Date.now(),
    failures,
    dropped,
    seconds: Math.max(0, performance.now() - measuredFrom) / 1000,
    latencies: Float64Array.from(latencies).sort(),
  };
}
