export * from './observability.module';
export * from './metrics/metrics.registry';
