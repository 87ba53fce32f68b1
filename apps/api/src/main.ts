import 'reflect-metadata';
import { loadConfig } from '@app/config';
import { Logger } from '@nestjs/common';
import { startTracing } from '@app/observability';
import { startBanner } from './start-banner';

async function bootstrap(): Promise<void> {
  const config = loadConfig();
  startTracing(config.tracing, 'motcua-api');
  // Loaded once tracing runs (when configured), so it instruments Fastify, pg, ioredis, pino.
  const { createApiApp } = await import('./create-api-app');
  const app = await createApiApp(config);
  await app.listen(config.api.port, config.api.host);
  const logger = new Logger('Bootstrap');
  const { lines, warnings } = startBanner(config);
  lines.forEach((line) => logger.log(line));
  warnings.forEach((warning) => logger.warn(warning));
}

void bootstrap();
