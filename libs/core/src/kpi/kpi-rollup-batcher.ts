import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@app/config';
import { OutboxEventMessage } from '@app/messaging';
import { GroupCommit } from '../events/group-commit';
import { KpiRollupConsumer } from './kpi-rollup.consumer';

/** The KPI queue's jobs apply their events through one group commit (see GroupCommit). */
@Injectable()
export class KpiRollupBatcher {
  private readonly group: GroupCommit<OutboxEventMessage, boolean>;

  constructor(
    @Inject(KpiRollupConsumer) consumer: KpiRollupConsumer,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.group = new GroupCommit({
      many: (messages) => consumer.applyBatch(messages),
      one: (message) => consumer.apply(message),
      maxBatch: () => config.queues.eventBatchSize,
    });
  }

  /** Resolves once the event is committed: true if applied now, false if applied before. */
  submit(message: OutboxEventMessage): Promise<boolean> {
    return this.group.submit(message);
  }
}
