import { Global, Module } from '@nestjs/common';
import { MetricsRegistry } from './metrics/metrics.registry';

/** One MetricsRegistry per app, for every module of it: import once, in the app's root. */
@Global()
@Module({ providers: [MetricsRegistry], exports: [MetricsRegistry] })
export class ObservabilityModule {}
