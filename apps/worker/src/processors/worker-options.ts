import type { Type } from '@nestjs/common';
import type { WorkerOptions } from 'bullmq';
// Not re-exported by the package index; a deep import fails the build if it ever moves.
import { WORKER_METADATA } from '@nestjs/bullmq/dist/bull.constants';
import { AppConfig } from '@app/config';

/**
 * BullMQ worker options that come from config. `@Processor()` options are static decorator
 * metadata and the worker reads its lock duration when it is built (jobs are taken at once),
 * so they are written onto each processor class before the app is created. The lock and the
 * stalled check decide how soon a job of a killed worker (SIGKILL) is retried.
 */
export function applyWorkerOptions(processors: readonly Type[], config: AppConfig): void {
  const options: Partial<WorkerOptions> = {
    lockDuration: config.queues.lockDurationMs,
    stalledInterval: config.queues.stalledIntervalMs,
  };
  for (const processor of processors) {
    const declared = (Reflect.getMetadata(WORKER_METADATA, processor) ?? {}) as object;
    Reflect.defineMetadata(WORKER_METADATA, { ...declared, ...options }, processor);
  }
}
