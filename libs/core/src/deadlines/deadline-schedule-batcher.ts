import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@app/config';
import { OutboxEventMessage } from '@app/messaging';
import { GroupCommit } from '../events/group-commit';
import { DeadlineScheduleConsumer } from './deadline-schedule.consumer';

/**
 * The deadlines queue's event jobs schedule their reminders through one group commit (see
 * GroupCommit): one transaction and one addBulk per batch instead of per event.
 */
@Injectable()
export class DeadlineScheduleBatcher {
  private readonly group: GroupCommit<OutboxEventMessage, boolean>;

  constructor(
    @Inject(DeadlineScheduleConsumer) consumer: DeadlineScheduleConsumer,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.group = new GroupCommit({
      many: (messages) => consumer.applyBatch(messages),
      one: (message) => consumer.apply(message),
      maxBatch: () => config.queues.eventBatchSize,
    });
  }

  submit(message: OutboxEventMessage): Promise<boolean> {
    return this.group.submit(message);
  }
}
