import 'reflect-metadata';
import { loadConfig } from '@app/config';
import { startTracing } from '@app/observability';

async function bootstrap(): Promise<void> {
  const config = loadConfig();
  startTracing(config.tracing, 'motcua-api');
  // Loaded once tracing runs (when configured), so it instruments Fastify, pg, ioredis, pino.
  const { createApiApp } = await import('./create-api-app');
  const app = await createApiApp(config);
  await app.listen(config.api.port, config.api.host);
}

void bootstrap();
