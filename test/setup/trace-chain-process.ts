// Run by test/e2e/trace-chain.e2e-spec.ts as a child process, outside Jest: OpenTelemetry's
// instrumentations patch modules as Node's own `require` loads them, which Jest's module
// registry bypasses. Boots the real API and worker in this process with tracing on and an
// in-memory exporter, logs in and takes in one application over HTTP, lets the relay and the
// consumers run, promotes the first reminder job so it runs now, then writes what was traced
// to the file named by argv[2]. Its stdout carries the apps' JSON log lines.
import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { InMemorySpanExporter, type ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { Job, Queue } from 'bullmq';
import { Pool } from 'pg';
import { loadConfig } from '@app/config';
import { bullConnection, JobName, QueueName, queueKeyPrefix } from '@app/messaging';
import { startTracing } from '@app/observability';

export interface TracedSpan {
  name: string;
  kind: number;
  traceId: string;
  spanId: string;
  parentSpanId: string | null;
  scope: string;
  attributes: Record<string, unknown>;
}

export interface TraceChainReport {
  applicationId: string;
  /** outbox_events.trace_context of the intake's event. */
  outboxTraceContext: string | null;
  /** The reminder jobs the event scheduled: name and BullMQ telemetry metadata. */
  reminders: Array<{ name: string; metadata: string | null }>;
  spans: TracedSpan[];
}

const env = (name: string): string => {
  const value = process.env[name];
  if (!value) {
    throw new Error(`${name} is not set`);
  }
  return value;
};

async function until<T>(what: string, probe: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const value = await probe();
    if (value !== undefined) {
      return value;
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out waiting for ${what}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function plain(span: ReadableSpan): TracedSpan {
  const context = span.spanContext();
  return {
    name: span.name,
    kind: span.kind,
    traceId: context.traceId,
    spanId: context.spanId,
    parentSpanId: span.parentSpanContext?.spanId ?? null,
    scope: span.instrumentationScope.name,
    attributes: { ...span.attributes },
  };
}

async function main(): Promise<void> {
  const config = loadConfig();
  const exporter = new InMemorySpanExporter();
  const tracing = startTracing(config.tracing, 'motcua-trace-chain', { exporter });
  if (!tracing) {
    throw new Error('tracing did not start');
  }
  // Loaded only now, so that the instrumentations see Fastify, pg, ioredis, pino and BullMQ.
  const { createApiApp } = await import('../../apps/api/src/create-api-app');
  const { createWorkerApp } = await import('../../apps/worker/src/create-worker-app');
  const api = await createApiApp(config);
  const worker = await createWorkerApp(config, { logger: false });
  const db = new Pool({ connectionString: config.database.url, max: 2 });
  const deadlines = new Queue(QueueName.Deadlines, {
    connection: bullConnection(config.redis),
    prefix: queueKeyPrefix(config.queues.prefix, QueueName.Deadlines),
  });
  try {
    await worker.init();
    await api.listen(0, '127.0.0.1');
    const base = (await api.getUrl()).replace('[::1]', '127.0.0.1');

    const login = await fetch(`${base}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: env('TRACE_USERNAME'), password: env('TRACE_PASSWORD') }),
    });
    const { accessToken } = (await login.json()) as { accessToken: string };
    const intake = await fetch(`${base}/api/v1/applications`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${accessToken}` },
      body: JSON.stringify({
        procedureCode: env('TRACE_PROCEDURE_CODE'),
        channel: 'direct',
        applicant: { fullName: 'Lê Thị Hoa', idNumber: '001203004567', phone: '0912345678' },
      }),
    });
    if (intake.status !== 201) {
      throw new Error(`intake answered ${intake.status}: ${await intake.text()}`);
    }
    const { id } = (await intake.json()) as { id: string };

    const event = await until('the outbox row to be published', async () => {
      const { rows } = await db.query<{ id: string; traceContext: string | null }>(
        `SELECT id, trace_context AS "traceContext" FROM outbox_events
         WHERE aggregate_id = $1 AND published_at IS NOT NULL`,
        [id],
      );
      return rows[0];
    });
    await until('both consumers to apply the event', async () => {
      const { rows } = await db.query(`SELECT 1 FROM consumed_events WHERE event_id = $1`, [
        event.id,
      ]);
      return rows.length === 2 ? true : undefined;
    });
    const reminders = await until('the reminder jobs', async () => {
      const jobs = (await deadlines.getDelayed()).filter(
        (job: Job) => (job.data as { applicationId?: string }).applicationId === id,
      );
      return jobs.length > 0 ? jobs : undefined;
    });
    const dueSoon = reminders.find((job) => job.name === (JobName.DeadlineDueSoon as string));
    if (!dueSoon) {
      throw new Error(`no due-soon reminder among ${reminders.map((j) => j.name).join(', ')}`);
    }
    await dueSoon.promote();
    await until('the promoted reminder to run', async () =>
      (await deadlines.getJobState(dueSoon.id ?? '')) === 'completed' ? true : undefined,
    );

    await tracing.forceFlush();
    const report: TraceChainReport = {
      applicationId: id,
      outboxTraceContext: event.traceContext,
      reminders: reminders.map((job) => ({
        name: job.name,
        metadata: job.opts.telemetry?.metadata ?? null,
      })),
      spans: exporter.getFinishedSpans().map(plain),
    };
    writeFileSync(process.argv[2], JSON.stringify(report, null, 2));
  } finally {
    await deadlines.close();
    await db.end();
    await api.close();
    await worker.close();
    await tracing.shutdown();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
