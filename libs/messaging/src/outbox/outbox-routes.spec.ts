import { JOB_QUEUE } from '../job-name';
import { OUTBOX_ROUTES } from './outbox-routes';

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
});
