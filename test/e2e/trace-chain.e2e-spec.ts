import { Pool } from 'pg';
import { Role } from '@app/domain';
import { Factories } from '../factories/factories';
import { REDIS_URL } from '../setup/services';
import { createTestDatabase } from '../setup/test-database';
import { runTraceChain, TraceChainRun } from '../setup/trace-chain';
import type { TracedSpan } from '../setup/trace-chain-process';

// One intake, traced end to end with the in-memory exporter: the HTTP request, its outbox
// row, the relay and every job the event causes (the consumers and the reminder they
// schedule) share one trace, and the request's log lines carry its trace id. The apps run in
// a child process (test/setup/trace-chain-process.ts): the instrumentations need Node's own
// module loading, which Jest replaces.

const PASSWORD = 'matkhau-theo-vet';

const traceIdOf = (carrier: string | null): string | undefined =>
  carrier
    ? (JSON.parse(carrier) as { traceparent?: string }).traceparent?.split('-')[1]
    : undefined;

describe('one trace from an intake to its jobs', () => {
  let run: TraceChainRun;
  let drop: () => Promise<void>;
  let intake: TracedSpan;
  let inTrace: TracedSpan[];

  beforeAll(async () => {
    const database = await createTestDatabase();
    drop = database.drop;
    const db = new Pool({ connectionString: database.url, max: 2 });
    const factory = new Factories(db);
    const department = await factory.department();
    const procedure = await factory.procedure({ departmentId: department.id, timeLimitValue: 5 });
    const desk = await factory.user({ role: Role.Reception, password: PASSWORD });
    await db.end();
    run = await runTraceChain({
      NODE_ENV: 'test',
      DATABASE_URL: database.url,
      DATABASE_POOL_SIZE: '5',
      REDIS_URL,
      QUEUE_PREFIX: `motcua-trace-${Math.random().toString(36).slice(2, 10)}`,
      WORKER_SCHEDULES: 'false',
      // The chain ends in a delayed reminder job: only while reminders are jobs.
      DEADLINE_REMINDERS: 'jobs',
      LOG_LEVEL: 'info',
      TRACE_USERNAME: desk.username,
      TRACE_PASSWORD: PASSWORD,
      TRACE_PROCEDURE_CODE: procedure.code,
    });
    const found = run.report.spans.find(
      (s) =>
        s.scope === '@opentelemetry/instrumentation-http' && s.name === 'POST /api/v1/applications',
    );
    if (!found) {
      throw new Error(
        `no server span for the intake among ${run.report.spans.map((s) => s.name).join(', ')}`,
      );
    }
    intake = found;
    inTrace = run.report.spans.filter((s) => s.traceId === intake.traceId);
  }, 120_000);

  afterAll(async () => {
    await drop?.();
  });

  it('writes the outbox row in the trace of the request', () => {
    expect(traceIdOf(run.report.outboxTraceContext)).toBe(intake.traceId);
    // The insert itself is traced, by the pg instrumentation, inside the request.
    expect(inTrace.some((s) => s.scope === '@opentelemetry/instrumentation-pg')).toBe(true);
  });

  it('relays the event in the same trace, as a child of the request', () => {
    const relay = inTrace.find((s) => s.name === 'outbox publish application.received');
    expect(relay).toBeDefined();
    expect(inTrace.map((s) => s.spanId)).toContain(relay?.parentSpanId);
    expect(relay?.attributes['motcua.event.type']).toBe('application.received');
  });

  it('runs both consumers of the event in the same trace', () => {
    const relay = inTrace.find((s) => s.name === 'outbox publish application.received');
    const processed = inTrace.filter((s) => s.scope === 'bullmq' && s.name.startsWith('process '));
    expect(processed.map((s) => s.attributes['bullmq.job.name'])).toEqual(
      expect.arrayContaining(['kpi.apply-event', 'deadlines.apply-event']),
    );
    for (const name of ['kpi.apply-event', 'deadlines.apply-event']) {
      const job = processed.find((s) => s.attributes['bullmq.job.name'] === name);
      expect(job?.parentSpanId).toBe(relay?.spanId);
    }
  });

  it('gives every reminder the event schedules the same trace, and runs one in it', () => {
    expect(run.report.reminders.map((r) => r.name).sort()).toEqual(
      ['deadlines.due-now', 'deadlines.due-soon', 'deadlines.overdue'].sort(),
    );
    for (const reminder of run.report.reminders) {
      expect(traceIdOf(reminder.metadata)).toBe(intake.traceId);
    }
    const reminderRun = inTrace.find(
      (s) => s.scope === 'bullmq' && s.attributes['bullmq.job.name'] === 'deadlines.due-soon',
    );
    expect(reminderRun).toBeDefined();
  });

  it("writes the request's trace id in its log lines", () => {
    const requestLog = run.logs.find(
      (line) =>
        (line.req as { url?: string } | undefined)?.url === '/api/v1/applications' &&
        line.msg === 'request completed',
    );
    expect(requestLog).toBeDefined();
    expect(requestLog?.trace_id).toBe(intake.traceId);
  });
});
