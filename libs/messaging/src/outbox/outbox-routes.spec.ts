import type { DeadlineReminders } from '@app/config';
import { JOB_QUEUE, JobName } from '../job-name';
import { OUTBOX_ROUTES, outboxRoutesFor } from './outbox-routes';

describe('outbox routes', () => {
  it('routes sharing a queue have job ids of their own (BullMQ drops a repeated job id)', () => {
    const idsPerQueue = new Map<string, string[]>();
    for (const route of OUTBOX_ROUTES) {
      const queue = JOB_QUEUE[route.job];
      idsPerQueue.set(queue, [...(idsPerQueue.get(queue) ?? []), route.jobIdPrefix ?? '']);
    }
    for (const [queue, prefixes] of idsPerQueue) {
      expect({ queue, prefixes: [...new Set(prefixes)].sort() }).toEqual({
        queue,
        prefixes: [...prefixes].sort(),
      });
    }
  });

  it('citizen e-mails are enqueued for online applications only', () => {
    const mail = OUTBOX_ROUTES.find((route) => route.job === JobName.CitizenMailApplyEvent);
    expect(mail?.accepts?.({ channel: 'online' })).toBe(true);
    for (const channel of ['direct', 'postal', undefined]) {
      expect(mail?.accepts?.({ channel })).toBe(false);
    }
  });

  it('the deadlines consumer gets events only while reminders are delayed jobs', () => {
    const jobs = (reminders: DeadlineReminders) => outboxRoutesFor(reminders).map((r) => r.job);
    expect(jobs('jobs')).toEqual(OUTBOX_ROUTES.map((r) => r.job));
    expect(jobs('jobs')).toContain(JobName.DeadlinesApplyEvent);
    expect(jobs('sweep')).toEqual(
      OUTBOX_ROUTES.map((r) => r.job).filter((job) => job !== JobName.DeadlinesApplyEvent),
    );
  });
});
