import { AsyncLocalStorage } from 'node:async_hooks';
import { FixedClock } from '@app/core';
import { atLocalTime, LocalDate, WorkingCalendar } from '@app/domain';
import { localDay } from './k1-reference';

/** The driver's plumbing: its clock, its time-ordered queue of steps, and step times. */

const MINUTE = 60_000;

export interface Step {
  at: number;
  seq: number;
  /** The script it belongs to: two steps of one application never run at once. */
  script: number;
  /** It plans further steps (a reception): nothing later may run beside it. */
  plans: boolean;
  run: () => Promise<void>;
}

/**
 * The one clock of the API app and the worker. A step sees its own time; everything else
 * (the worker, mainly) sees the time of the earliest step in flight, set with `set`.
 */
export class SteppedClock extends FixedClock {
  private readonly steps = new AsyncLocalStorage<number>();
  override now(): Date {
    const at = this.steps.getStore();
    return at === undefined ? super.now() : new Date(at);
  }
  within<T>(at: number, work: () => Promise<T>): Promise<T> {
    return this.steps.run(at, work);
  }
}

/** A binary heap of steps by time (then by the order they were planned). */
export class StepQueue {
  private readonly heap: Step[] = [];
  private seq = 0;
  get size() {
    return this.heap.length;
  }
  peek(): Step | undefined {
    return this.heap[0];
  }
  push(step: Omit<Step, 'seq'>): void {
    const h = this.heap;
    h.push({ ...step, seq: this.seq++ });
    for (let i = h.length - 1; i > 0;) {
      const p = (i - 1) >> 1;
      if (!this.before(h[i], h[p])) {
        break;
      }
      [h[i], h[p]] = [h[p], h[i]];
      i = p;
    }
  }
  pop(): Step {
    const h = this.heap;
    const top = h[0];
    const last = h.pop()!;
    if (h.length > 0) {
      h[0] = last;
      for (let i = 0; ;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < h.length && this.before(h[l], h[m])) {
          m = l;
        }
        if (r < h.length && this.before(h[r], h[m])) {
          m = r;
        }
        if (m === i) {
          break;
        }
        [h[i], h[m]] = [h[m], h[i]];
        i = m;
      }
    }
    return top;
  }
  private before(a: Step, b: Step): boolean {
    return a.at < b.at || (a.at === b.at && a.seq < b.seq);
  }
}

/**
 * The times of one application's steps, strictly one after another: a step asked for before
 * the previous one happens a few minutes after it instead.
 */
export class Plan {
  private cursor: number;
  constructor(
    private readonly calendar: WorkingCalendar,
    receivedAt: number,
  ) {
    this.cursor = receivedAt;
  }
  /** `minutes` after the previous step. */
  after(minutes: number): number {
    return this.take(this.cursor + minutes * MINUTE);
  }
  /** `workingDays` after the previous step's day, at a time of day. */
  onDay(workingDays: number, minuteOfDay: number): number {
    const day = this.calendar.addWorkingDays(
      this.calendar.workingDayOnOrAfter(localDay(this.cursor)),
      workingDays,
    );
    return this.at(day, minuteOfDay);
  }
  at(day: LocalDate, minuteOfDay: number): number {
    return this.take(atLocalTime(day, 0, minuteOfDay).getTime());
  }
  private take(at: number): number {
    this.cursor = Math.max(at, this.cursor + 5 * MINUTE);
    return this.cursor;
  }
}
