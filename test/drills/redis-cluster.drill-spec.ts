import { DEADLINES_CONSUMER, KPI_CONSUMER } from '@app/core';
import { QueueName, queueKeyPrefix } from '@app/messaging';
import { Redis } from 'ioredis';
import { REDIS_CLUSTER_NODES } from '../setup/services';
import { startTestApp, TestApp } from '../setup/test-app';
import {
  count,
  dropQueues,
  eventually,
  intakeMany,
  startWorkerOn,
  testQueuePrefix,
  WorkerOnDatabase,
} from '../setup/test-events';

const N = 200;

/** Every master of the drill's cluster, each with its own plain connection. */
function masters(): Redis[] {
  if (!REDIS_CLUSTER_NODES) {
    throw new Error(
      'REDIS_CLUSTER_NODES is not set: run this through `npm run drill:redis-cluster`',
    );
  }
  return REDIS_CLUSTER_NODES.split(',').map((node) => {
    const [host, port] = node.split(':');
    return new Redis({ host, port: Number(port), lazyConnect: true });
  });
}

/** Keys matching `pattern` on one master (SCAN, not KEYS). */
async function keysOn(node: Redis, pattern: string): Promise<string[]> {
  const keys: string[] = [];
  let cursor = '0';
  do {
    const [next, batch] = await node.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
    keys.push(...batch);
    cursor = next;
  } while (cursor !== '0');
  return keys;
}

/**
 * Drill (issue 14, item 6): BullMQ on a three-master Redis Cluster. Each queue's keys carry one
 * hash tag, so they live in one slot (BullMQ's scripts touch several keys at once, which a
 * cluster refuses across slots); the four queues spread over the masters; and two workers move
 * every event of N intakes exactly once.
 */
describe('drill: queues on a Redis Cluster', () => {
  let t: TestApp;
  const workers: WorkerOnDatabase[] = [];
  const nodes = masters();
  const prefix = testQueuePrefix();

  beforeAll(async () => {
    await Promise.all(nodes.map((n) => n.connect()));
    t = await startTestApp();
    for (let i = 0; i < 2; i++) {
      // Reminders as delayed jobs: the deadlines queue's delayed sets live on the cluster too.
      workers.push(
        await startWorkerOn(t.config.database.url, {
          QUEUE_PREFIX: prefix,
          DEADLINE_REMINDERS: 'jobs',
        }),
      );
    }
  });
  afterAll(async () => {
    await Promise.all(workers.map((w) => w.close()));
    await dropQueues(prefix, Object.values(QueueName));
    await t?.close();
    nodes.forEach((n) => n.disconnect());
  });

  it(`moves every event of ${N} intakes exactly once, each queue in one slot`, async () => {
    const procedureCode = (await t.factory.procedure({ timeLimitValue: 3 })).code;
    const { statuses } = await intakeMany(t, procedureCode, N, 20);
    expect(statuses.filter((s) => s === 201)).toHaveLength(N);
    for (const consumer of [KPI_CONSUMER, DEADLINES_CONSUMER]) {
      await eventually(
        () => count(t, `SELECT count(*) AS n FROM consumed_events WHERE consumer = $1`, [consumer]),
        (n) => n === N,
        60000,
      );
    }
    expect(
      await count(t, `SELECT count(*) AS n FROM outbox_events WHERE published_at IS NULL`),
    ).toBe(0);
    expect(await count(t, `SELECT coalesce(sum(received), 0) AS n FROM kpi_daily_rollups`)).toBe(N);

    // Where each queue's keys are: one slot per queue, on one master.
    const placement: Record<string, { slots: number[]; masters: number[] }> = {};
    for (const name of Object.values(QueueName)) {
      const tag = queueKeyPrefix(prefix, name);
      const slots = new Set<number>();
      const on = new Set<number>();
      for (const [i, node] of nodes.entries()) {
        // SCAN's MATCH is a glob: the braces of the tag are escaped.
        const keys = await keysOn(node, `${tag.replace(/[{}]/g, '\\$&')}:*`);
        for (const key of keys) {
          slots.add(Number(await node.call('CLUSTER', 'KEYSLOT', key)));
          on.add(i);
        }
      }
      placement[name] = { slots: [...slots], masters: [...on] };
    }
    console.log(`drill: queue placement on the cluster ${JSON.stringify(placement)}`);
    for (const name of [QueueName.KpiRollups, QueueName.Deadlines]) {
      // Both queues held jobs (completed jobs stay, delayed reminders wait): keys exist.
      expect(placement[name].slots).toHaveLength(1);
      expect(placement[name].masters).toHaveLength(1);
    }
    for (const name of Object.values(QueueName)) {
      expect(placement[name].slots.length).toBeLessThanOrEqual(1);
    }
  }, 120000);
});
