interface Pending<T, R> {
  item: T;
  resolve: (result: R) => void;
  reject: (error: unknown) => void;
}

export interface GroupCommitWork<T, R> {
  /** Applies the items in one transaction, all or none; one result per item, in order. */
  many(items: readonly T[]): Promise<R[]>;
  /** Applies one item alone: the fallback that keeps a bad item from failing its batch. */
  one(item: T): Promise<R>;
  /** Most items in one call of `many`. */
  maxBatch(): number;
  /** Most calls of `many` in flight at once (1 when not given). */
  maxInFlight?(): number;
  /**
   * Whether a failed batch's items are worth applying one by one (always, when not given).
   * No for a failure every item would meet alone too (a lost connection, a pool timeout):
   * then the whole batch gets it at once instead of after one wait per item.
   */
  retryAlone?(error: unknown): boolean;
  /** Told the size of every batch that `many` applied. */
  applied?(size: number): void;
}

/**
 * Group commit: each caller hands its item here and waits; while a transaction runs, the items
 * that arrive meanwhile gather into the next one. A quiet stream applies each item at once, a
 * busy one many per transaction, with no timer in between: most of a small write's cost is per
 * statement and per commit, not per row. Used by the queue consumers (a job completes only
 * after its item is committed, so a crash loses nothing: the job is retried and the
 * consumer's consumed_events record makes the retry a no-op) and by desk intake.
 */
export class GroupCommit<T, R> {
  private readonly pending: Array<Pending<T, R>> = [];
  private inFlight = 0;

  constructor(private readonly work: GroupCommitWork<T, R>) {}

  submit(item: T): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.pending.push({ item, resolve, reject });
      this.kick();
    });
  }

  private kick(): void {
    const maxInFlight = this.work.maxInFlight?.() ?? 1;
    while (this.inFlight < maxInFlight && this.pending.length > 0) {
      this.inFlight++;
      void this.flush(this.pending.splice(0, this.work.maxBatch())).finally(() => {
        this.inFlight--;
        this.kick();
      });
    }
  }

  private async flush(batch: Array<Pending<T, R>>): Promise<void> {
    let results: R[];
    try {
      results = await this.work.many(batch.map((p) => p.item));
    } catch (error) {
      if (batch.length === 1 || !(this.work.retryAlone?.(error) ?? true)) {
        batch.forEach((p) => p.reject(error));
        return;
      }
      // One bad item must not fail the whole batch again and again: apply them one by one,
      // so only its own caller fails.
      for (const p of batch) {
        await this.work.one(p.item).then(p.resolve, p.reject);
      }
      return;
    }
    batch.forEach((p, i) => p.resolve(results[i]));
    this.work.applied?.(batch.length);
  }
}
