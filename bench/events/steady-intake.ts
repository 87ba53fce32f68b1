import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';

const TICK_MS = 10;

export interface SteadyIntakeResult {
  /** Event id → wall-clock ms when its insert was seen committed. */
  commitMs: Map<string, number>;
  failures: string[];
  dropped: number;
  seconds: number;
}

/**
 * Steady intake, paced by a timer: every 10 ms, issue what the schedule owes (rate/100 per
 * tick), at most `maxInFlight` outstanding; what cannot be issued is dropped, not caught up
 * (an open-loop load: a slow server does not slow the arrivals down).
 */
export async function steadyIntake(options: {
  rate: number;
  duration: number;
  maxInFlight: number;
  interrupted: () => boolean;
  /** Inserts one application; resolves with its outbox event id once committed. */
  insertOne: (index: number) => Promise<string>;
}): Promise<SteadyIntakeResult> {
  const commitMs = new Map<string, number>();
  const failures: string[] = [];
  let issued = 0;
  let dropped = 0;
  let inFlight = 0;
  const started = performance.now();
  const stopAt = started + options.duration * 1000;
  await new Promise<void>((resolve) => {
    const tick = setInterval(() => {
      const now = performance.now();
      if (now >= stopAt || options.interrupted()) {
        clearInterval(tick);
        resolve();
        return;
      }
      const owed = Math.floor(((now - started) / 1000) * options.rate) - issued - dropped;
      for (let i = 0; i < owed; i++) {
        if (inFlight >= options.maxInFlight) {
          dropped += owed - i;
          break;
        }
        inFlight++;
        options
          .insertOne(issued++)
          .then((eventId) => commitMs.set(eventId, Date.now()))
          .catch((error: Error) => failures.push(error.message))
          .finally(() => inFlight--);
      }
    }, TICK_MS);
  });
  while (inFlight > 0) {
    await sleep(5);
  }
  return { commitMs, failures, dropped, seconds: (performance.now() - started) / 1000 };
}
