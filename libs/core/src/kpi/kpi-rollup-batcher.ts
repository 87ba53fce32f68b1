import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@app/config';
import { EventBatcher } from '../events/event-batcher';
import { MetricsRegistry } from '@app/observability';
import { KPI_CONSUMER, KpiRollupConsumer } from './kpi-rollup.consumer';

/** The KPI queue's jobs: one transaction per batch of events (one summed roll-up upsert). */
@Injectable()
export class KpiRollupBatcher extends EventBatcher {
  constructor(
    @Inject(KpiRollupConsumer) consumer: KpiRollupConsumer,
    @Inject(APP_CONFIG) config: AppConfig,
    @Inject(MetricsRegistry) metrics: MetricsRegistry,
  ) {
    super(consumer, config, metrics, KPI_CONSUMER);
  }
}
