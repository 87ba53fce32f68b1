import { createHash } from 'node:crypto';
import type { OutboxEventRecord } from '@app/database';
import type { ApplicationEventPayload } from '../events/application-event-type';
import { JobName, jobId, OutboxEventMessage } from '../job-name';
import type { NewJob } from '../queues/job-queues.service';
import { OUTBOX_ROUTES, OutboxRoute } from './outbox-routes';

/**
 * The jobs for one claimed relay batch: per route, one job per event (job id = event id, so
 * BullMQ drops a re-add after a crash), or for a `batched` route one job carrying all of the
 * batch's events it accepts. A batched job's id is a digest of its event ids: the same batch
 * re-added is dropped; a different cut of the same events after a crash is not, and its
 * consumer's consumed_events record makes the repeat a no-op. `traceContexts[i]` is the relay's
 * span for `events[i]`; a batched job continues its first event's trace (each message carries
 * its own).
 */
export function outboxJobs(
  events: readonly OutboxEventRecord[],
  traceContexts: ReadonlyArray<string | null>,
  routes: readonly OutboxRoute[] = OUTBOX_ROUTES,
): Array<NewJob<JobName>> {
  const messages = events.map((event, i) => outboxEventMessage(event, traceContexts[i]));
  return routes.flatMap((route): Array<NewJob<JobName>> => {
    const accepted = messages.filter(
      (m, i) =>
        route.types.has(m.type) &&
        (route.accepts?.(events[i].payload as unknown as Readonly<Record<string, unknown>>) ??
          true),
    );
    const prefixed = (id: string) => (route.jobIdPrefix ? jobId(route.jobIdPrefix, id) : id);
    if (route.batched && accepted.length > 1) {
      return [
        {
          name: route.job,
          data: { events: accepted },
          jobId: prefixed(jobId('batch', digestOf(accepted.map((m) => m.eventId)))),
          traceContext: accepted[0].traceContext ?? null,
        },
      ];
    }
    return accepted.map((m) => ({
      name: route.job,
      data: m,
      jobId: prefixed(m.eventId),
      traceContext: m.traceContext ?? null,
    }));
  });
}

function outboxEventMessage(
  event: OutboxEventRecord,
  traceContext: string | null,
): OutboxEventMessage {
  return {
    eventId: event.id,
    type: event.type,
    occurredAt: new Date(event.occurredAt).toISOString(),
    payload: event.payload as unknown as ApplicationEventPayload,
    ...(traceContext ? { traceContext } : {}),
  };
}

function digestOf(ids: readonly string[]): string {
  return createHash('sha256').update(ids.join(',')).digest('hex').slice(0, 32);
}
