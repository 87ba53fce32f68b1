import 'reflect-metadata';
import { loadConfig } from '@app/config';
import { Logger } from '@nestjs/common';
import { startTracing } from '@app/observability';
import { startBanner } from './start-banner';

async function bootstrap(): Promise<void> {
  const config = loadConfig();
  const logger = new Logger('Bootstrap');
  startTracing(config.tracing, 'motcua-api');
  // Imported once tracing runs (it instruments ioredis). noeviction and AOF, before anything
  // uses Redis: production refuses to start without them.
  const { checkRedisSettings, checkRedisSettingsWhenReady, REDIS } = await import('@app/messaging');
  const redisCheck = await checkRedisSettings(config, logger);
  // Loaded once tracing runs (when configured), so it instruments Fastify, pg, ioredis, pino.
  const { createApiApp } = await import('./create-api-app');
  const { OperationsListener } = await import('./operations/operations-listener');
  const app = await createApiApp(config);
  if (redisCheck === 'unreachable') {
    // Started without Redis: check when it answers, and stop as the start would have.
    checkRedisSettingsWhenReady(app.get(REDIS), config, logger, (error) => {
      logger.error(error.message);
      void app.close().finally(() => process.exit(1));
    });
  }
  await app.listen(config.api.port, config.api.host);
  // METRICS_PORT: /metrics and the API docs on their own address (and not on PORT).
  await app.get(OperationsListener).listen();
  const { lines, warnings } = startBanner(config);
  lines.forEach((line) => logger.log(line));
  warnings.forEach((warning) => logger.warn(warning));
}

bootstrap().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
