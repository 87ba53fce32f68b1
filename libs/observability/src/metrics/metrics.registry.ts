import { Injectable } from '@nestjs/common';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/**
 * The Prometheus metrics of one app instance (its `GET /metrics`). A registry per instance (not prom-client's
 * global one), so several apps in one process — tests, drills — never clash on names.
 */
@Injectable()
export class MetricsRegistry {
  readonly registry = new Registry();

  readonly escalationsRaised = new Counter({
    name: 'motcua_escalations_raised_total',
    help: 'Escalations raised, by level',
    labelNames: ['level'],
    registers: [this.registry],
  });

  /** A deadline job or sweep row that met data it can never handle: a person must look. */
  readonly deadlineJobsUnrecoverable = new Counter({
    name: 'motcua_deadline_jobs_unrecoverable_total',
    help: 'Deadline jobs (and sweep rows) stopped by bad data, by job name',
    labelNames: ['job'],
    registers: [this.registry],
  });

  readonly jobDuration = new Histogram({
    name: 'motcua_job_duration_seconds',
    help: 'Duration of processed BullMQ jobs, by queue and job name',
    labelNames: ['queue', 'name', 'outcome'],
    buckets: [0.005, 0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [this.registry],
  });

  /** How many events each group-commit transaction applied: 1s mean the queue is quiet. */
  readonly eventBatchSize = new Histogram({
    name: 'motcua_event_batch_size',
    help: 'Events applied per consumer transaction (group commit), by consumer',
    labelNames: ['consumer'],
    buckets: [1, 2, 5, 10, 25, 50, 100, 250, 500, 1000],
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'motcua_' });
    // prom-client names three gauges `…_total` (active handles, requests, resources), which
    // Prometheus keeps for counters (`promtool check metrics` refuses them). The per-type
    // gauges beside them carry the same numbers.
    for (const metric of this.registry.getMetricsAsArray()) {
      if (metric.name.endsWith('_total') && !(metric instanceof Counter)) {
        this.registry.removeSingleMetric(metric.name);
      }
    }
  }

  /** A counter registered once per registry (a second call returns the first). */
  counter(name: string, help: string, labelNames: string[] = []): Counter {
    return (
      (this.registry.getSingleMetric(name) as Counter | undefined) ??
      new Counter({ name, help, labelNames, registers: [this.registry] })
    );
  }

  /** A histogram registered once per registry (a second call returns the first). */
  histogram(name: string, help: string, labelNames: string[], buckets: number[]): Histogram {
    return (
      (this.registry.getSingleMetric(name) as Histogram | undefined) ??
      new Histogram({ name, help, labelNames, buckets, registers: [this.registry] })
    );
  }

  /** A gauge whose value is read when Prometheus scrapes (queue depth, outbox lag, drift). */
  gauge(
    name: string,
    help: string,
    labelNames: string[],
    collect: (gauge: Gauge) => Promise<void> | void,
  ): Gauge {
    const existing = this.registry.getSingleMetric(name);
    if (existing) {
      return existing as Gauge;
    }
    return new Gauge({
      name,
      help,
      labelNames,
      registers: [this.registry],
      async collect() {
        await collect(this);
      },
    });
  }

  text(): Promise<string> {
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }
}
