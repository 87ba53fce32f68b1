import {
  Controller,
  Get,
  Header,
  Headers,
  HttpException,
  Inject,
  OnModuleInit,
  ServiceUnavailableException,
  UnauthorizedException,
} from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@app/config';
import { KpiReconciliationService } from '@app/core';
import { carriesMetricsToken, MetricsRegistry } from '@app/observability';
import { JobQueues, OutboxRelayService, QueueName, REDIS } from '@app/messaging';
import type Redis from 'ioredis';

const REDIS_UNAVAILABLE = 'Redis is unreachable: queue figures cannot be read now; retry later';

/**
 * Prometheus metrics of the worker, on its HTTP port: `GET /metrics`. With METRICS_TOKEN set,
 * and always in production, only with `Authorization: Bearer <METRICS_TOKEN>`. With Redis
 * unreachable it answers 503 at once (BullMQ's connections would wait for Redis), and 503 if
 * the figures take longer than twice REDIS_COMMAND_TIMEOUT_MS (+1 s): it never hangs.
 */
@Controller('metrics')
export class WorkerMetricsController implements OnModuleInit {
  constructor(
    @Inject(MetricsRegistry) private readonly metrics: MetricsRegistry,
    @Inject(JobQueues) private readonly queues: JobQueues,
    @Inject(OutboxRelayService) private readonly relay: OutboxRelayService,
    @Inject(KpiReconciliationService) private readonly reconciliation: KpiReconciliationService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(REDIS) private readonly redis: Redis,
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
  async text(@Headers('authorization') authorization: string | undefined): Promise<string> {
    const token = this.config.operations.metricsToken;
    const open = token === null && this.config.env !== 'production';
    if (!open && !carriesMetricsToken(authorization, token)) {
      throw new UnauthorizedException('Send Authorization: Bearer <METRICS_TOKEN>');
    }
    if (this.redis.status !== 'ready') {
      throw new ServiceUnavailableException(REDIS_UNAVAILABLE);
    }
    const limitMs = 2 * this.config.redis.commandTimeoutMs + 1000;
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new ServiceUnavailableException(REDIS_UNAVAILABLE)), limitMs);
    });
    try {
      return await Promise.race([this.metrics.text(), late]);
    } catch (error) {
      throw error instanceof HttpException
        ? error
        : new ServiceUnavailableException(REDIS_UNAVAILABLE);
    } finally {
      clearTimeout(timer);
    }
  }
}
