import { Global, Module, OnApplicationShutdown } from '@nestjs/common';
import { MetricsRegistry } from './metrics/metrics.registry';
import { flushTracing } from './tracing/start-tracing';

/**
 * One MetricsRegistry per app, for every module of it: import once, in the app's root. On
 * shutdown it sends the spans still buffered, when tracing runs.
 */
@Global()
@Module({ providers: [MetricsRegistry], exports: [MetricsRegistry] })
export class ObservabilityModule implements OnApplicationShutdown {
  async onApplicationShutdown(): Promise<void> {
    await flushTracing();
  }
}
