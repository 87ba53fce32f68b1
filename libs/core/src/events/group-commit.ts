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
  /** Told the size of every batch that `many` applied. */
  applied?(size: number): void;
}

/**
 * Group commit for a queue consumer: each active job hands its item here and waits; while one
 * transaction runs, the items that arrive meanwhile gather into the next one. A quiet queue
 * applies each item at once, a busy one hundreds per transaction, with no timer in between.
 * A job completes only after its item is committed, so a crash loses nothing: the job is
 * retried and the consumer's consumed_events record makes the retry a no-op.
 */
export class GroupCommit<T, R> {
  private pending: Array<Pending<T, R>> = [];
  private flushing: Promise<void> | null = null;

  constructor(private readonly work: GroupCommitWork<T, R>) {}

  submit(item: T): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.pending.push({ item, resolve, reject });
      this.kick();
    });
  }

  private kick(): void {
    if (this.flushing || this.pending.length === 0) {
      return;
    }
    this.flushing = this.drain().finally(() => {
      this.flushing = null;
      this.kick();
    });
  }

  private async drain(): Promise<void> {
    while (this.pending.length > 0) {
      await this.flush(this.pending.splice(0, this.work.maxBatch()));
    }
  }

  private async flush(batch: Array<Pending<T, R>>): Promise<void> {
    try {
      const results = await this.work.many(batch.map((p) => p.item));
      this.work.applied?.(batch.length);
      batch.forEach((p, i) => p.resolve(results[i]));
    } catch (error) {
      if (batch.length === 1) {
        batch[0].reject(error);
        return;
      }
      // One bad item must not fail the whole batch again and again: apply them one by one,
      // so only its own job fails and is retried.
      for (const p of batch) {
        await this.work.one(p.item).then(p.resolve, p.reject);
      }
    }
  }
}
