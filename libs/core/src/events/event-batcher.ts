import { AppConfig } from '@app/config';
import { OutboxEventMessage } from '@app/messaging';
import { MetricsRegistry } from '@app/observability';
import { GroupCommit } from '@app/database';

/** An event consumer that can apply a batch in one transaction (and one event alone). */
export interface BatchingConsumer {
  apply(message: OutboxEventMessage): Promise<boolean>;
  applyBatch(messages: readonly OutboxEventMessage[]): Promise<boolean[]>;
}

/**
 * A queue's event jobs apply their events through one group commit (see GroupCommit), at
 * most EVENT_BATCH_SIZE per transaction. One subclass per consumer, so each is its own
 * provider with its own pending batch.
 */
export abstract class EventBatcher {
  private readonly group: GroupCommit<OutboxEventMessage, boolean>;

  protected constructor(
    consumer: BatchingConsumer,
    config: AppConfig,
    metrics: MetricsRegistry,
    consumerName: string,
  ) {
    this.group = new GroupCommit({
      many: (messages) => consumer.applyBatch(messages),
      one: (message) => consumer.apply(message),
      maxBatch: () => config.queues.eventBatchSize,
      applied: (size) => metrics.eventBatchSize.observe({ consumer: consumerName }, size),
    });
  }

  /** Resolves once the event is committed: true if applied now, false if applied before. */
  submit(message: OutboxEventMessage): Promise<boolean> {
    return this.group.submit(message);
  }
}
