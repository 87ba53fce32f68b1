import { randomUUID } from 'node:crypto';
import { UnrecoverableError } from 'bullmq';
import type { OutboxEventMessage } from '@app/messaging';
import { applyEventJob } from './event-job';

function message(): OutboxEventMessage {
  const id = randomUUID();
  return {
    eventId: randomUUID(),
    type: 'application.received',
    occurredAt: '2026-12-05T03:00:00.000Z',
    payload: {
      applicationId: id,
      at: '2026-12-05T03:00:00.000Z',
      departmentId: randomUUID(),
      procedureId: randomUUID(),
      channel: 'direct',
    } as unknown as OutboxEventMessage['payload'],
  };
}

describe('applyEventJob', () => {
  it('applies a single event as before', async () => {
    const m = message();
    const seen: string[] = [];
    const outcome = await applyEventJob(m, (x) => Promise.resolve((seen.push(x.eventId), true)));
    expect(outcome).toEqual({ applied: true });
    expect(seen).toEqual([m.eventId]);
  });

  it("hands a batch's events to the consumer together and counts the ones applied now", async () => {
    const batch = [message(), message(), message()];
    const started: string[] = [];
    let release: () => void = () => undefined;
    const held = new Promise<void>((r) => (release = r));
    const outcome = applyEventJob({ events: batch }, async (x) => {
      started.push(x.eventId);
      await held;
      return x.eventId !== batch[1].eventId; // the second was applied before
    });
    await Promise.resolve();
    // All submitted before any finished: the consumer's group commit can take them at once.
    expect(started).toEqual(batch.map((m) => m.eventId));
    release();
    expect(await outcome).toEqual({ applied: 2, events: 3 });
  });

  it('fails the job when one event fails, once every event of it has settled', async () => {
    const batch = [message(), message(), message()];
    let releaseLast: () => void = () => undefined;
    let lastDone = false;
    const outcome = applyEventJob({ events: batch }, (x) => {
      if (x.eventId === batch[0].eventId) {
        return Promise.reject(new Error('database away'));
      }
      if (x.eventId === batch[2].eventId) {
        return new Promise<boolean>((resolve) => {
          releaseLast = () => {
            lastDone = true;
            resolve(true);
          };
        });
      }
      return Promise.resolve(true);
    });
    const settledEarly = await Promise.race([
      outcome.then(
        () => 'settled',
        () => 'settled',
      ),
      new Promise((r) => setTimeout(() => r('pending'), 20)),
    ]);
    // A retry must not start while the first attempt's last event is still being applied.
    expect(settledEarly).toBe('pending');
    releaseLast();
    await expect(outcome).rejects.toThrow('database away');
    expect(lastDone).toBe(true);
  });

  it.each([
    ['an empty batch', { events: [] }],
    ['a batch that is not a list', { events: 'x' }],
    ['a malformed event in a batch', { events: [{ eventId: 'nope' }] }],
  ])('%s fails for good', async (_, data) => {
    await expect(applyEventJob(data, () => Promise.resolve(true))).rejects.toBeInstanceOf(
      UnrecoverableError,
    );
  });
});
