import { AsyncLocalStorage } from 'node:async_hooks';
import { FixedClock } from '@app/core';

/**
 * The Clock the demo context injects: a FixedClock whose "now" can be different in each
 * concurrent story. Every use case asks `now()` inside the async call chain of one story, so
 * AsyncLocalStorage hands it that story's own FixedClock; outside a story (the KPI fill) the
 * clock's own time applies. This is what lets several stories run at once on a 2-core box.
 */
export class DemoClock extends FixedClock {
  private readonly stories = new AsyncLocalStorage<FixedClock>();

  override now(): Date {
    return this.stories.getStore()?.now() ?? super.now();
  }

  /** Runs `work` with `clock` as "now" for every use case it calls. */
  within<T>(clock: FixedClock, work: () => Promise<T>): Promise<T> {
    return this.stories.run(clock, work);
  }
}
