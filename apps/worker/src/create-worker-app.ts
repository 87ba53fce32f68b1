import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { Logger } from 'nestjs-pino';
import { AppConfig } from '@app/config';
// WorkerModule first: its import order is the one the app's modules are known to load in.
import { WorkerModule } from './worker.module';
import { PROCESSORS } from './processors/job-handler.check';
import { applyWorkerOptions } from './processors/worker-options';

/** Builds the worker application; used by main.ts and the e2e tests. */
export async function createWorkerApp(
  config: AppConfig,
  options: { logger?: boolean } = {},
): Promise<NestFastifyApplication> {
  applyWorkerOptions(PROCESSORS, config);
  const app = await NestFactory.create<NestFastifyApplication>(
    WorkerModule.register(config),
    new FastifyAdapter(),
    options.logger === false
      ? { logger: false, abortOnError: false }
      : { bufferLogs: true, abortOnError: false },
  );
  if (options.logger !== false) {
    app.useLogger(app.get(Logger));
  }
  // SIGTERM (docker stop, scripts/stop-all.sh) closes the connections and, later, lets
  // BullMQ workers finish their current job.
  app.enableShutdownHooks();
  return app;
}
