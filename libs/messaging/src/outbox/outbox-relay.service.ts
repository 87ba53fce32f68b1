import {
  BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
} from '@nestjs/common';
import type { Counter, Histogram } from 'prom-client';
import { APP_CONFIG, AppConfig } from '@app/config';
import { OutboxEventRecord, OutboxNotifications, OutboxRepository } from '@app/database';
import { CarriedSpan, MetricsRegistry, startCarriedSpan } from '@app/observability';
import { JobQueues } from '../queues/job-queues.service';
import { outboxJobs } from './outbox-jobs';
import { OutboxRoute, outboxRoutesFor } from './outbox-routes';

/** A publish that waits longer than this (Redis away) rolls the claim back and frees the rows. */
const ADD_TIMEOUT_MS = 10_000;

/**
 * Moves outbox rows to BullMQ: claims a batch (FOR UPDATE SKIP LOCKED, so replicas share the
 * work), adds its jobs (see outboxJobs: per consumer, one job per event with the event id as
 * job id, or one job for the batch's events), and marks the rows published in the same
 * transaction. A failed add rolls back (rows stay unpublished); a crash after the add but
 * before the commit re-adds the same jobs later, which BullMQ ignores, or a batch cut
 * differently, which the consumers' consumed_events records make a no-op.
 * Woken by NOTIFY, with a slow poll as the fallback.
 */
@Injectable()
export class OutboxRelayService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(OutboxRelayService.name);
  private running: Promise<void> | null = null;
  private wakeAgain = false;
  private stopped = true;
  private poll: NodeJS.Timeout | null = null;
  private readonly relayed: Counter;
  private readonly batchSeconds: Histogram;
  private readonly routes: readonly OutboxRoute[];

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(OutboxRepository) private readonly outbox: OutboxRepository,
    @Inject(OutboxNotifications) private readonly notifications: OutboxNotifications,
    @Inject(JobQueues) private readonly queues: JobQueues,
    @Inject(MetricsRegistry) metrics: MetricsRegistry,
  ) {
    this.routes = outboxRoutesFor(config.sweep.reminders);
    this.relayed = metrics.counter(
      'motcua_outbox_events_relayed_total',
      'Outbox events handed to BullMQ, by outcome (published, or failed and left for later)',
      ['outcome'],
    );
    this.batchSeconds = metrics.histogram(
      'motcua_outbox_relay_batch_duration_seconds',
      'Time to claim, publish and mark one outbox batch',
      [],
      [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 10],
    );
  }

  onApplicationBootstrap(): void {
    this.stopped = false;
    this.notifications.start(() => this.wake());
    this.poll = setInterval(() => this.wake(), this.config.queues.outboxPollMs);
  }

  /** Stops claiming and lets the batch in flight finish before the queues close. */
  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.poll) {
      clearInterval(this.poll);
    }
    await this.notifications.stop();
    await this.running;
  }

  /** Drains the outbox soon; concurrent wakes collapse into one more pass. */
  wake(): void {
    if (this.stopped) {
      return;
    }
    if (this.running) {
      this.wakeAgain = true;
      return;
    }
    this.running = this.drain().finally(() => {
      this.running = null;
      if (this.wakeAgain) {
        this.wakeAgain = false;
        this.wake();
      }
    });
  }

  /** Publishes batches until one comes back short. Errors wait for the next wake or poll. */
  async drain(): Promise<void> {
    const limit = this.config.queues.outboxBatchSize;
    try {
      while (!this.stopped && (await this.publishBatch(limit)) === limit) {
        // a full batch: there may be more
      }
    } catch (error) {
      this.logger.warn(`outbox relay paused: ${(error as Error).message}`);
    }
  }

  /** Claims, publishes and marks one batch; returns how many events it published. */
  async publishBatch(limit = this.config.queues.outboxBatchSize): Promise<number> {
    let claimed: readonly OutboxEventRecord[] = [];
    const timer = this.batchSeconds.startTimer();
    try {
      const published = await this.outbox.withClaimedBatch(limit, async (batch) => {
        claimed = batch.events;
        if (claimed.length === 0) {
          return 0;
        }
        // One span per event, in the trace of the request that wrote it; its jobs continue it.
        const spans = claimed.map(publishSpan);
        try {
          await withTimeout(
            this.queues.addBulk(
              outboxJobs(
                claimed,
                spans.map((span) => span.traceContext),
                this.routes,
              ),
            ),
            ADD_TIMEOUT_MS,
          );
        } catch (error) {
          spans.forEach((span) => span.end(error));
          throw error;
        }
        spans.forEach((span) => span.end());
        await batch.markPublished(claimed);
        return claimed.length;
      });
      this.relayed.inc({ outcome: 'published' }, published);
      return published;
    } catch (error) {
      this.relayed.inc({ outcome: 'failed' }, claimed.length);
      await this.outbox.recordFailedAttempt(claimed.map((e) => e.id)).catch(() => undefined);
      throw error;
    } finally {
      timer();
    }
  }

  /** Age of the oldest unpublished event, in seconds (for the metrics endpoint). */
  lagSeconds(now: Date = new Date()): Promise<number> {
    return this.outbox.lagSeconds(now);
  }
}

function publishSpan(event: OutboxEventRecord): CarriedSpan {
  return startCarriedSpan(
    event.traceContext,
    `outbox publish ${event.type}`,
    { 'messaging.system': 'bullmq', 'motcua.event.id': event.id, 'motcua.event.type': event.type },
    'producer',
  );
}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`BullMQ did not answer within ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}
