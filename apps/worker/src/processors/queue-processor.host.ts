import { BeforeApplicationShutdown, Inject, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { OnWorkerEvent, WorkerHost } from '@nestjs/bullmq';
import type { Job } from 'bullmq';
import { APP_CONFIG, AppConfig } from '@app/config';
import { MetricsRegistry } from '@app/observability';

/** What every queue's processor shares: configured concurrency, logged failures, job durations. */
export abstract class QueueProcessorHost
  extends WorkerHost
  implements OnApplicationBootstrap, BeforeApplicationShutdown
{
  protected readonly logger = new Logger(this.constructor.name);
  @Inject(APP_CONFIG) private readonly appConfig: AppConfig;
  @Inject(MetricsRegistry) private readonly metrics: MetricsRegistry;

  onApplicationBootstrap(): void {
    this.worker.concurrency = this.concurrency(this.appConfig);
  }

  /** Jobs this queue runs at once in this process. */
  protected concurrency(config: AppConfig): number {
    return config.queues.concurrency;
  }

  /**
   * On shutdown BullModule closes the worker, waiting for the jobs in progress. With Redis
   * unreachable that wait never ends (nothing can finish anyway), so close at once instead.
   */
  async beforeApplicationShutdown(): Promise<void> {
    const ready = await Promise.race([
      this.worker.waitUntilReady().then(
        () => true,
        () => false,
      ),
      new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 1000)),
    ]);
    if (!ready) {
      await this.worker.close(true);
    }
  }

  // Without a listener an 'error' event (Redis away) would crash the process.
  @OnWorkerEvent('error')
  onWorkerError(error: Error): void {
    this.logger.warn(`worker error: ${error.message}`);
  }

  @OnWorkerEvent('completed')
  onCompleted(job: Job): void {
    this.observe(job, 'completed');
  }

  private observe(job: Job | undefined, outcome: 'completed' | 'failed'): void {
    if (job?.processedOn && job.finishedOn) {
      this.metrics.jobDuration.observe(
        { queue: job.queueName, name: job.name, outcome },
        (job.finishedOn - job.processedOn) / 1000,
      );
    }
  }

  @OnWorkerEvent('failed')
  onFailed(job: Job | undefined, error: Error): void {
    this.observe(job, 'failed');
    this.logger.warn(
      `job ${job?.name} ${job?.id} failed (attempt ${job?.attemptsMade}): ${error.message}`,
    );
  }
}
