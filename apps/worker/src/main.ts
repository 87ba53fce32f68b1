import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { loadConfig } from '@app/config';
import { startTracing } from '@app/observability';

async function bootstrap(): Promise<void> {
  const config = loadConfig();
  startTracing(config.tracing, 'motcua-worker');
  // Loaded once tracing runs (when configured), so it instruments pg, ioredis, pino and BullMQ.
  const { createWorkerApp } = await import('./create-worker-app');
  const app = await createWorkerApp(config);
  // HTTP only for the probes (/health/live, /health/ready); the work itself comes from queues.
  await app.listen(config.worker.port, '0.0.0.0');
  new Logger('WorkerBootstrap').log(`worker health probes on port ${config.worker.port}`);
}

bootstrap().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
