import { Controller, Get, Header, Inject, OnModuleInit } from '@nestjs/common';
import { KpiReconciliationService } from '@app/core';
import { MetricsRegistry } from '@app/observability';
import { JobQueues, OutboxRelayService, QueueName } from '@app/messaging';

/** Prometheus metrics of the worker, on its HTTP port: `GET /metrics`. */
@Controller('metrics')
export class WorkerMetricsController implements OnModuleInit {
  constructor(
    @Inject(MetricsRegistry) private readonly metrics: MetricsRegistry,
    @Inject(JobQueues) private readonly queues: JobQueues,
    @Inject(OutboxRelayService) private readonly relay: OutboxRelayService,
    @Inject(KpiReconciliationService) private readonly reconciliation: KpiReconciliationService,
  ) {}

  onModuleInit(): void {
    this.metrics.gauge(
      'motcua_queue_depth',
      'Jobs waiting, delayed, active or failed, per queue',
      ['queue', 'state'],
      async (gauge) => {
        for (const name of Object.values(QueueName)) {
          const counts = await this.queues
            .queue(name)
            .getJobCounts('waiting', 'delayed', 'active', 'failed');
          for (const [state, n] of Object.entries(counts)) {
            gauge.set({ queue: name, state }, n);
          }
        }
      },
    );
    this.metrics.gauge(
      'motcua_outbox_lag_seconds',
      'Age of the oldest unpublished outbox event (0 when none)',
      [],
      async (gauge) => gauge.set(await this.relay.lagSeconds()),
    );
    this.metrics.gauge(
      'motcua_kpi_reconciliation_drift',
      'Roll-up rows that differed from the source at the last reconciliation (0 expected)',
      [],
      (gauge) => gauge.set(this.reconciliation.driftCount()),
    );
  }

  @Get()
  @Header('content-type', 'text/plain; version=0.0.4; charset=utf-8')
  text(): Promise<string> {
    return this.metrics.text();
  }
}
