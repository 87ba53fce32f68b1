import { UnrecoverableError } from 'bullmq';
import type { OutboxEventMessage } from '@app/messaging';
import { startCarriedSpan } from '@app/observability';
import { outboxEventMessage } from './job-payload.guard';

/**
 * Runs a consumer's event job: one event (the job continues its trace), or a relay batch's
 * (outbox route `batched`). The batch's events go to the consumer's group commit together, so
 * they are applied in one transaction, each in a span of its own event's trace. The job
 * completes once all are committed; if one fails the job is retried whole, and the events
 * already applied are no-ops then (consumed_events).
 */
export async function applyEventJob(
  data: unknown,
  apply: (message: OutboxEventMessage) => Promise<boolean>,
): Promise<{ applied: boolean } | { applied: number; events: number }> {
  const messages = batchedEvents(data);
  if (!messages) {
    return { applied: await apply(outboxEventMessage(data)) };
  }
  // Every event settled before the job ends, failed or not: a retry must not overlap its own
  // first attempt's work still in the group commit.
  const settled = await Promise.allSettled(messages.map((message) => applyTraced(message, apply)));
  const failed = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (failed) {
    throw failed.reason;
  }
  const applied = settled.filter((s) => s.status === 'fulfilled' && s.value).length;
  return { applied, events: messages.length };
}

/** A relay batch's events (outboxJobs), checked; null for a one-event job. */
export function batchedEvents(data: unknown): OutboxEventMessage[] | null {
  const batch = (data as { events?: unknown } | null)?.events;
  if (batch === undefined) {
    return null;
  }
  if (!Array.isArray(batch) || batch.length === 0) {
    throw new UnrecoverableError('invalid job payload: events');
  }
  return batch.map(outboxEventMessage);
}

async function applyTraced(
  message: OutboxEventMessage,
  apply: (message: OutboxEventMessage) => Promise<boolean>,
): Promise<boolean> {
  const span = startCarriedSpan(
    message.traceContext,
    `apply ${message.type}`,
    { 'motcua.event.id': message.eventId, 'motcua.event.type': message.type },
    'consumer',
  );
  try {
    const applied = await apply(message);
    span.end();
    return applied;
  } catch (error) {
    span.end(error);
    throw error;
  }
}
