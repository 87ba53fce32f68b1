import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@app/config';
import { EventBatcher } from '../events/event-batcher';
import { MetricsRegistry } from '@app/observability';
import { DEADLINES_CONSUMER, DeadlineScheduleConsumer } from './deadline-schedule.consumer';

/** The deadlines queue's event jobs: one transaction and one addBulk per batch of events. */
@Injectable()
export class DeadlineScheduleBatcher extends EventBatcher {
  constructor(
    @Inject(DeadlineScheduleConsumer) consumer: DeadlineScheduleConsumer,
    @Inject(APP_CONFIG) config: AppConfig,
    @Inject(MetricsRegistry) metrics: MetricsRegistry,
  ) {
    super(consumer, config, metrics, DEADLINES_CONSUMER);
  }
}
