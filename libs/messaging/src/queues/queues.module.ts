import { Global, Module } from '@nestjs/common';
import { BullModule } from '@nestjs/bullmq';
import { APP_CONFIG, AppConfig } from '@app/config';
import { bullTelemetry } from '@app/observability';
import { QueueName } from '../queue-name';
import { JobQueues } from './job-queues.service';
import { bullConnection } from './redis-connection';

/**
 * BullMQ for the worker: the connection and prefix from config, every queue registered, and
 * JobQueues to add jobs. Import once, in the app's composition root.
 */
@Global()
@Module({
  imports: [
    BullModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        connection: bullConnection(config.redis.url),
        prefix: config.queues.prefix,
        // Queues and workers trace adds and jobs while tracing is on (start-tracing.ts).
        telemetry: bullTelemetry(),
      }),
    }),
    BullModule.registerQueue(...Object.values(QueueName).map((name) => ({ name }))),
  ],
  providers: [JobQueues],
  exports: [BullModule, JobQueues],
})
export class QueuesModule {}
