import { randomUUID } from 'node:crypto';
import type { OutboxEventRecord } from '@app/database';
import { ApplicationEventType as E } from '../events/application-event-type';
import { JobName } from '../job-name';
import { outboxJobs } from './outbox-jobs';

function event(type: string, channel = 'direct'): OutboxEventRecord {
  return {
    id: randomUUID(),
    aggregateId: randomUUID(),
    type,
    payload: { applicationId: randomUUID(), channel, at: '2026-12-05T03:00:00.000Z' },
    occurredAt: new Date('2026-12-05T03:00:00.000Z'),
    traceContext: null,
  };
}

const named = (jobs: ReturnType<typeof outboxJobs>, name: JobName) =>
  jobs.filter((job) => job.name === name);

describe('outboxJobs', () => {
  it('one job for the whole batch on the batched routes, one per event on the others', () => {
    const events = [event(E.Received), event(E.Received), event(E.ResultReady)];
    const jobs = outboxJobs(events, ['{"traceparent":"a"}', null, null]);

    const kpi = named(jobs, JobName.KpiApplyEvent);
    expect(kpi).toHaveLength(1);
    expect(
      (kpi[0].data as { events: Array<{ eventId: string }> }).events.map((m) => m.eventId),
    ).toEqual(events.map((e) => e.id));
    // The batch's job continues its first event's trace; each message carries its own.
    expect(kpi[0].traceContext).toBe('{"traceparent":"a"}');

    const deadlines = named(jobs, JobName.DeadlinesApplyEvent);
    expect(deadlines).toHaveLength(1);
    expect((deadlines[0].data as { events: unknown[] }).events).toHaveLength(2); // received only

    expect(named(jobs, JobName.PortalApplyEvent)).toHaveLength(1);
    // The postal consumer is not batched: a job per event it takes, the id prefixed.
    const postal = named(jobs, JobName.PostalApplyEvent);
    expect(postal.map((job) => job.jobId)).toEqual([`postal-${events[2].id}`]);
  });

  it('a batch of one keeps the single-event job, with the event id as job id', () => {
    const only = event(E.Received);
    const [kpi] = named(outboxJobs([only], [null]), JobName.KpiApplyEvent);
    expect(kpi.jobId).toBe(only.id);
    expect(kpi.data).toMatchObject({ eventId: only.id, type: E.Received });
  });

  it("a batched job's id depends on its events only: the same batch re-added is the same job", () => {
    const events = [event(E.Received), event(E.Received)];
    const id = (batch: OutboxEventRecord[]) =>
      named(
        outboxJobs(
          batch,
          batch.map(() => null),
        ),
        JobName.KpiApplyEvent,
      )[0].jobId;
    expect(id(events)).toBe(id(events.map((e) => ({ ...e }))));
    expect(id(events)).not.toBe(id([events[0], event(E.Received)]));
    expect(id(events)).not.toContain(':');
  });

  it('the online events of a batch go to the citizen mails in one job, the others not at all', () => {
    const online = [event(E.Received, 'online'), event(E.Refused, 'online')];
    const jobs = outboxJobs(
      [online[0], event(E.Received, 'direct'), online[1], event(E.Received, 'postal')],
      [null, null, null, null],
    );
    const mail = named(jobs, JobName.CitizenMailApplyEvent);
    expect(mail).toHaveLength(1);
    expect(
      (mail[0].data as { events: Array<{ eventId: string }> }).events.map((m) => m.eventId),
    ).toEqual(online.map((e) => e.id));
    // Its own id on the maintenance queue, apart from the postal and petition jobs there.
    expect(mail[0].jobId).toMatch(/^batch-[0-9a-f]{32}$/);
  });

  it('routes that accept only some payloads skip the others', () => {
    const jobs = outboxJobs(
      [event(E.Received, 'online'), event(E.Received, 'direct')],
      [null, null],
    );
    expect(named(jobs, JobName.CitizenMailApplyEvent)).toHaveLength(1);
  });
});
