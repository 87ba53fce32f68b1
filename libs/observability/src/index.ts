export * from './observability.module';
export * from './metrics/metrics.registry';
export * from './tracing/start-tracing';
export * from './tracing/trace-context';
export * from './metrics/metrics-token';
