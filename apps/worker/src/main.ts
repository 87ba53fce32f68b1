import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { loadConfig } from '@app/config';
import { startTracing } from '@app/observability';

async function bootstrap(): Promise<void> {
  const config = loadConfig();
  const logger = new Logger('WorkerBootstrap');
  startTracing(config.tracing, 'motcua-worker');
  // Imported once tracing runs (it instruments ioredis). noeviction and AOF, before BullMQ
  // uses Redis: production refuses to start without them.
  const { checkRedisSettings, checkRedisSettingsWhenReady, REDIS } = await import('@app/messaging');
  const redisCheck = await checkRedisSettings(config, logger);
  // Loaded once tracing runs (when configured), so it instruments pg, ioredis, pino and BullMQ.
  const { createWorkerApp } = await import('./create-worker-app');
  const app = await createWorkerApp(config);
  if (redisCheck === 'unreachable') {
    // Started without Redis: check when it answers, and stop as the start would have.
    checkRedisSettingsWhenReady(app.get(REDIS), config, logger, (error) => {
      logger.error(error.message);
      void app.close().finally(() => process.exit(1));
    });
  }
  // HTTP only for the probes (/health/live, /health/ready) and /metrics; the work comes from queues.
  await app.listen(config.worker.port, '0.0.0.0');
  logger.log(`worker health probes on port ${config.worker.port}`);
  if (config.env === 'production' && config.operations.metricsToken === null) {
    logger.warn(
      '/metrics is refused in production without METRICS_TOKEN (README, "Security settings")',
    );
  }
}

bootstrap().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
