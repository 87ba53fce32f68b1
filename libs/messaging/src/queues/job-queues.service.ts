import { Injectable, Logger } from '@nestjs/common';
import { InjectQueue } from '@nestjs/bullmq';
import type { JobsOptions, Queue } from 'bullmq';
import { JOB_OPTIONS, JOB_QUEUE, JobName, JobPayload } from '../job-name';
import { QueueName } from '../queue-name';

export interface NewJob<N extends JobName> {
  name: N;
  data: JobPayload[N];
  /** Deterministic id: a re-add of the same id is a no-op while BullMQ keeps the job. */
  jobId: string;
  delay?: number;
  /** The trace this job continues (a JSON W3C carrier); BullMQ's telemetry picks it up. */
  traceContext?: string | null;
}

/**
 * The one door to enqueue work: picks the queue and the declared options for the job name, so
 * call sites give only the typed payload, a deterministic id and a delay.
 */
@Injectable()
export class JobQueues {
  private readonly logger = new Logger(JobQueues.name);
  private readonly queues: Record<QueueName, Queue>;

  constructor(
    @InjectQueue(QueueName.KpiRollups) kpi: Queue,
    @InjectQueue(QueueName.Deadlines) deadlines: Queue,
    @InjectQueue(QueueName.Maintenance) maintenance: Queue,
    @InjectQueue(QueueName.PortalSync) portal: Queue,
  ) {
    this.queues = {
      [QueueName.KpiRollups]: kpi,
      [QueueName.Deadlines]: deadlines,
      [QueueName.Maintenance]: maintenance,
      [QueueName.PortalSync]: portal,
    };
    for (const queue of Object.values(this.queues)) {
      // Without a listener an 'error' event would crash the process while Redis is away.
      queue.on('error', (error) => this.logger.warn(`queue ${queue.name}: ${error.message}`));
    }
  }

  queue(name: QueueName): Queue {
    return this.queues[name];
  }

  async add<N extends JobName>(job: NewJob<N>): Promise<void> {
    await this.addBulk([job]);
  }

  /** Adds jobs, one round trip per queue; jobs whose id already exists are left as they are. */
  async addBulk(jobs: ReadonlyArray<NewJob<JobName>>): Promise<void> {
    const byQueue = new Map<QueueName, Array<{ name: string; data: unknown; opts: JobsOptions }>>();
    for (const job of jobs) {
      const queue = JOB_QUEUE[job.name];
      const list = byQueue.get(queue) ?? [];
      list.push({
        name: job.name,
        data: job.data,
        opts: {
          ...JOB_OPTIONS[job.name],
          jobId: job.jobId,
          delay: job.delay,
          ...(job.traceContext ? { telemetry: { metadata: job.traceContext } } : {}),
        },
      });
      byQueue.set(queue, list);
    }
    await Promise.all([...byQueue].map(([queue, list]) => this.queues[queue].addBulk(list)));
  }
}
