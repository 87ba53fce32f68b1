import {
  context,
  propagation,
  type Span,
  SpanKind,
  SpanStatusCode,
  trace,
} from '@opentelemetry/api';
import { BullMQOtel } from 'bullmq-otel';
import { tracingStarted } from './start-tracing';

// A trace context travels through the outbox row and the BullMQ job as a JSON carrier of the
// W3C headers ({"traceparent": "00-…"}): the format BullMQ's own telemetry keeps in a job.

const tracer = () => trace.getTracer('motcua');

/** The active span's context as a carrier, or null when nothing is being traced. */
export function currentTraceContext(): string | null {
  const carrier: Record<string, string> = {};
  propagation.inject(context.active(), carrier);
  return carrier.traceparent ? JSON.stringify(carrier) : null;
}

function contextFrom(carried: string | null | undefined) {
  if (!carried) {
    return context.active();
  }
  try {
    return propagation.extract(context.active(), JSON.parse(carried) as Record<string, string>);
  } catch {
    return context.active(); // not ours: start a new trace rather than fail the work
  }
}

export interface CarriedSpan {
  /** This span's context as a carrier, to hand on (null when not traced). */
  traceContext: string | null;
  end(error?: unknown): void;
}

const NOT_TRACED: CarriedSpan = { traceContext: null, end: () => undefined };

/**
 * Starts a span whose parent is the carried context (a new trace when none), for work that
 * continues someone else's trace without running inside it (the relay publishes many
 * events, of many traces, in one call). A no-op while tracing is off.
 */
export function startCarriedSpan(
  carried: string | null | undefined,
  name: string,
  attributes: Record<string, string>,
  kind: 'internal' | 'producer' | 'consumer' = 'internal',
): CarriedSpan {
  if (!tracingStarted()) {
    return NOT_TRACED;
  }
  const spanKind = {
    internal: SpanKind.INTERNAL,
    producer: SpanKind.PRODUCER,
    consumer: SpanKind.CONSUMER,
  }[kind];
  const span: Span = tracer().startSpan(name, { kind: spanKind, attributes }, contextFrom(carried));
  const carrier: Record<string, string> = {};
  propagation.inject(trace.setSpan(context.active(), span), carrier);
  return {
    traceContext: carrier.traceparent ? JSON.stringify(carrier) : null,
    end(error?: unknown) {
      if (error) {
        span.recordException(error instanceof Error ? error : { message: JSON.stringify(error) });
        span.setStatus({ code: SpanStatusCode.ERROR });
      }
      span.end();
    },
  };
}

/** BullMQ's telemetry for queues and workers while tracing is on; undefined otherwise. */
export function bullTelemetry(): BullMQOtel | undefined {
  return tracingStarted() ? new BullMQOtel({ tracerName: 'bullmq' }) : undefined;
}
