import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { loadConfig } from '@app/config';
import { createWorkerApp } from './create-worker-app';

async function bootstrap(): Promise<void> {
  const config = loadConfig();
  const app = await createWorkerApp(config);
  // HTTP only for the probes (/health/live, /health/ready); the work itself comes from queues.
  await app.listen(config.worker.port, '0.0.0.0');
  new Logger('WorkerBootstrap').log(`worker health probes on port ${config.worker.port}`);
}

bootstrap().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
