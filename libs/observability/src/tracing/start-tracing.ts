import { registerInstrumentations } from '@opentelemetry/instrumentation';
import { FastifyInstrumentation } from '@opentelemetry/instrumentation-fastify';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { IORedisInstrumentation } from '@opentelemetry/instrumentation-ioredis';
import { PgInstrumentation } from '@opentelemetry/instrumentation-pg';
import { PinoInstrumentation } from '@opentelemetry/instrumentation-pino';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import {
  BatchSpanProcessor,
  ConsoleSpanExporter,
  ParentBasedSampler,
  SimpleSpanProcessor,
  type SpanExporter,
  TraceIdRatioBasedSampler,
} from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import type { AppConfig } from '@app/config';

export interface Tracing {
  /** Sends what is buffered (tests, drills). */
  forceFlush(): Promise<void>;
  /** Sends what is buffered and stops recording (on shutdown). */
  shutdown(): Promise<void>;
}

let running: Tracing | null = null;

/** Whether this process records traces (BullMQ telemetry and the relay's spans follow it). */
export function tracingStarted(): boolean {
  return running !== null;
}

/** Sends the spans still buffered (a no-op when tracing is off). */
export async function flushTracing(): Promise<void> {
  await running?.forceFlush();
}

// Probes and scrapes every few seconds would bury the traces worth reading.
const NOT_TRACED = /^\/(api\/v1\/)?health\/|^\/metrics/;

/**
 * Starts OpenTelemetry in this process, before the app loads what it instruments (Fastify and
 * HTTP, pg, ioredis, and pino, whose log lines then carry trace_id and span_id); BullMQ is
 * traced by its own telemetry (bullTelemetry). Nothing starts when `config.exporter` is
 * `none` and no exporter is given: @opentelemetry/api then stays a no-op.
 * `options.exporter` replaces the configured one (tests use an in-memory exporter).
 */
export function startTracing(
  config: AppConfig['tracing'],
  serviceName: string,
  options: { exporter?: SpanExporter } = {},
): Tracing | null {
  if (running) {
    return running;
  }
  const exporter = options.exporter ?? configuredExporter(config);
  if (!exporter) {
    return null;
  }
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ 'service.name': serviceName }),
    sampler: new ParentBasedSampler({ root: new TraceIdRatioBasedSampler(config.sampleRatio) }),
    spanProcessors: [
      // Given exporters (tests) see each span as it ends; real ones get batches.
      options.exporter || config.exporter === 'console'
        ? new SimpleSpanProcessor(exporter)
        : new BatchSpanProcessor(exporter),
    ],
  });
  // Global tracer provider, AsyncLocalStorage context and W3C trace-context propagation.
  provider.register();
  const unregister = registerInstrumentations({
    tracerProvider: provider,
    instrumentations: [
      new HttpInstrumentation({
        ignoreIncomingRequestHook: (request) => NOT_TRACED.test(request.url ?? ''),
      }),
      new FastifyInstrumentation(),
      // Spans only inside a trace: the relay's and BullMQ's polling would be noise.
      new PgInstrumentation({ requireParentSpan: true }),
      new IORedisInstrumentation({ requireParentSpan: true }),
      new PinoInstrumentation({ disableLogSending: true }),
    ],
  });
  running = {
    forceFlush: () => provider.forceFlush(),
    async shutdown() {
      unregister();
      await provider.shutdown();
      running = null;
    },
  };
  return running;
}

function configuredExporter(config: AppConfig['tracing']): SpanExporter | null {
  switch (config.exporter) {
    case 'none':
      return null;
    case 'console':
      return new ConsoleSpanExporter();
    case 'otlp':
      return new OTLPTraceExporter({ url: `${config.otlpEndpoint}/v1/traces` });
  }
}
