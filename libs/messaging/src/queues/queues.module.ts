import { Global, Inject, Injectable, Module, OnApplicationShutdown } from '@nestjs/common';
import { BullModule } from '@nestjs/bullmq';
import { APP_CONFIG, AppConfig } from '@app/config';
import { bullTelemetry } from '@app/observability';
import type { RedisOptions } from 'bullmq';
import type { Cluster } from 'ioredis';
import { QueueName } from '../queue-name';
import { JobQueues } from './job-queues.service';
import { bullConnection, closeBullConnection, queueKeyPrefix } from './redis-connection';

/** The one BullMQ connection of the process (an ioredis Cluster is shared, not one per queue). */
export const BULL_CONNECTION = Symbol('BULL_CONNECTION');

@Injectable()
class BullConnectionCloser implements OnApplicationShutdown {
  constructor(@Inject(BULL_CONNECTION) private readonly connection: RedisOptions | Cluster) {}
  async onApplicationShutdown(): Promise<void> {
    await closeBullConnection(this.connection);
  }
}

@Global()
@Module({
  providers: [
    {
      provide: BULL_CONNECTION,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => bullConnection(config.redis),
    },
    BullConnectionCloser,
  ],
  exports: [BULL_CONNECTION],
})
class BullConnectionModule {}

/**
 * BullMQ for the worker: the connection from config, every queue registered under its own
 * hash-tagged prefix (Redis Cluster), and JobQueues to add jobs. Import once, in the app's
 * composition root.
 */
@Global()
@Module({
  imports: [
    BullConnectionModule,
    BullModule.forRootAsync({
      imports: [BullConnectionModule],
      inject: [BULL_CONNECTION],
      useFactory: (connection: RedisOptions | Cluster) => ({
        connection,
        // Queues and workers trace adds and jobs while tracing is on (start-tracing.ts).
        telemetry: bullTelemetry(),
      }),
    }),
    BullModule.registerQueueAsync(
      ...Object.values(QueueName).map((name) => ({
        name,
        inject: [APP_CONFIG],
        useFactory: (config: AppConfig) => ({ prefix: queueKeyPrefix(config.queues.prefix, name) }),
      })),
    ),
  ],
  providers: [JobQueues],
  exports: [BullModule, JobQueues],
})
export class QueuesModule {}
