import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@app/config';
import { OutboxEventMessage } from '@app/messaging';
import { KpiRollupConsumer } from './kpi-rollup.consumer';

interface PendingEvent {
  message: OutboxEventMessage;
  resolve: (applied: boolean) => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit for the KPI consumer: every job of the queue hands its event here and waits;
 * while one transaction runs, the events that arrive meanwhile gather into the next one. So a
 * quiet queue applies each event at once, and a busy one applies hundreds per transaction
 * without waiting for a timer. A job completes only after its event is committed, so a crash
 * loses nothing: the job is retried and consumed_events makes the retry a no-op.
 */
@Injectable()
export class KpiRollupBatcher {
  private pending: PendingEvent[] = [];
  private flushing: Promise<void> | null = null;

  constructor(
    @Inject(KpiRollupConsumer) private readonly consumer: KpiRollupConsumer,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Resolves once the event is committed: true if applied now, false if applied before. */
  submit(message: OutboxEventMessage): Promise<boolean> {
    return new Promise<boolean>((resolve, reject) => {
      this.pending.push({ message, resolve, reject });
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
      await this.flush(this.pending.splice(0, this.config.queues.kpiBatchSize));
    }
  }

  private async flush(batch: PendingEvent[]): Promise<void> {
    try {
      const applied = await this.consumer.applyBatch(batch.map((p) => p.message));
      batch.forEach((p, i) => p.resolve(applied[i]));
    } catch (error) {
      if (batch.length === 1) {
        batch[0].reject(error);
        return;
      }
      // One bad event (say, its application is missing) must not fail the whole batch again
      // and again: apply them one by one, so only its own job fails and is retried.
      for (const p of batch) {
        await this.consumer.apply(p.message).then(p.resolve, p.reject);
      }
    }
  }
}
