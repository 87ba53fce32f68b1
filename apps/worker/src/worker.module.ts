import { DynamicModule, Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { APP_CONFIG, AppConfig, AppConfigModule } from '@app/config';
import { DatabaseModule } from '@app/database';
import { OutboxRelayModule, QueuesModule, RedisModule } from '@app/messaging';
import { ObservabilityModule } from '@app/observability';
import { StorageModule } from '@app/storage';
import { ScheduleModule } from '@nestjs/schedule';
import { WorkerHealthModule } from './health/worker-health.module';
import { WorkerMetricsModule } from './metrics/worker-metrics.module';
import { assertEveryJobHasAHandler } from './processors/job-handler.check';
import { ProcessorsModule } from './processors/processors.module';
import { SchedulesModule } from './schedules/schedules.module';

/**
 * Composition root of the background worker (style rule 1): modules from libs, processors and
 * schedules here. It serves only health probes and Prometheus metrics over HTTP.
 */
@Module({})
export class WorkerModule {
  static register(config: AppConfig): DynamicModule {
    assertEveryJobHasAHandler();
    return {
      module: WorkerModule,
      imports: [
        AppConfigModule.forRoot(config),
        LoggerModule.forRootAsync({
          inject: [APP_CONFIG],
          useFactory: (config: AppConfig) => ({
            // Probes hit the worker every few seconds: log them only when something fails.
            pinoHttp: { level: config.logLevel, autoLogging: false },
          }),
        }),
        ObservabilityModule,
        DatabaseModule.forRoot(),
        StorageModule,
        RedisModule,
        WorkerHealthModule,
        WorkerMetricsModule,
        // BullMQ (connection and prefix from config), the outbox relay, one processor per queue
        // and the cron schedules (enqueue only), which a replica may leave to others.
        QueuesModule,
        OutboxRelayModule,
        ProcessorsModule,
        ...(config.queues.schedules ? [ScheduleModule.forRoot(), SchedulesModule] : []),
      ],
    };
  }
}
