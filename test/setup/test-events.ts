import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { AppConfig, loadConfig } from '@app/config';
import { Clock } from '@app/core';
import { Role } from '@app/domain';
import { Queue } from 'bullmq';
import { Cluster } from 'ioredis';
import { createWorkerApp } from '../../apps/worker/src/create-worker-app';
import { PROCESSORS } from '../../apps/worker/src/processors/job-handler.check';
import { applyWorkerOptions } from '../../apps/worker/src/processors/worker-options';
import { WorkerModule } from '../../apps/worker/src/worker.module';
import { bullConnection, queueKeyPrefix } from '@app/messaging';
import { REDIS_CLUSTER_NODES, REDIS_ENV, REDIS_URL } from './services';
import { TestApp } from './test-app';

/** A BullMQ prefix of its own for one test file (parallel files share the one Redis). */
export const testQueuePrefix = () => `motcua-test-${randomBytes(5).toString('hex')}`;

export interface WorkerOnDatabase {
  app: NestFastifyApplication;
  config: AppConfig;
  close(): Promise<void>;
}

/**
 * Boots a worker on an existing test database (the API's), e.g. several replicas at once.
 * `clock` replaces the worker's one Clock (built from a testing module, as escalations do).
 */
export async function startWorkerOn(
  databaseUrl: string,
  env: Record<string, string>,
  options: { clock?: Clock } = {},
): Promise<WorkerOnDatabase> {
  const config = loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: databaseUrl,
    DATABASE_POOL_SIZE: '5',
    ...REDIS_ENV,
    LOG_LEVEL: 'silent',
    WORKER_SCHEDULES: 'false',
    ...env,
  });
  const app = options.clock
    ? await createWorkerWithClock(config, options.clock)
    : await createWorkerApp(config, { logger: false });
  await app.init();
  return { app, config, close: () => app.close() };
}

async function createWorkerWithClock(
  config: AppConfig,
  clock: Clock,
): Promise<NestFastifyApplication> {
  applyWorkerOptions(PROCESSORS, config);
  const moduleRef = await Test.createTestingModule({ imports: [WorkerModule.register(config)] })
    .overrideProvider(Clock)
    .useValue(clock)
    .compile();
  const app = moduleRef.createNestApplication<NestFastifyApplication>(new FastifyAdapter(), {
    logger: false,
    abortOnError: false,
  });
  app.enableShutdownHooks();
  return app;
}

/** Polls until `check` holds (or fails with the last value after `ms`). */
export async function eventually<T>(read: () => Promise<T>, check: (v: T) => boolean, ms = 20000) {
  const until = Date.now() + ms;
  let value = await read();
  while (!check(value)) {
    if (Date.now() > until) {
      throw new Error(`condition not met within ${ms} ms; last value ${JSON.stringify(value)}`);
    }
    await new Promise((r) => setTimeout(r, 100));
    value = await read();
  }
  return value;
}

/** Logs `n` applications through the API; returns their ids and the answered statuses. */
export async function intakeMany(t: TestApp, procedureCode: string, n: number, concurrency = 10) {
  const token = await t.tokenFor(Role.Reception);
  const statuses: number[] = [];
  const ids: string[] = [];
  for (let i = 0; i < n; i += concurrency) {
    const batch = Array.from({ length: Math.min(concurrency, n - i) }, (_, k) =>
      t.http
        .post('/api/v1/applications')
        .set('authorization', `Bearer ${token}`)
        .send({
          procedureCode,
          channel: (i + k) % 2 === 0 ? 'direct' : 'online',
          applicant: {
            fullName: `Nguyễn Văn ${i + k}`,
            idNumber: '001099000001',
            phone: '0912345678',
          },
        }),
    );
    for (const res of await Promise.all(batch)) {
      statuses.push(res.status);
      ids.push(res.body.id);
    }
  }
  return { statuses, ids };
}

export async function count(t: TestApp, sql: string, params: unknown[] = []): Promise<number> {
  const { rows } = await t.db.query<{ n: number }>(sql, params);
  return Number(rows[0].n);
}

/** A queue of a test prefix, on the Redis the apps use (the drill's cluster included). */
export function queueFor(prefix: string, name: string): Queue {
  const url = new URL(REDIS_URL);
  const connection = REDIS_CLUSTER_NODES
    ? bullConnection(loadConfig({ ...REDIS_ENV, NODE_ENV: 'test' }).redis)
    : { host: url.hostname, port: Number(url.port || 6379) };
  const queue = new Queue(name, { prefix: queueKeyPrefix(prefix, name), connection });
  if (connection instanceof Cluster) {
    // The queue does not close a connection it was given.
    const close = queue.close.bind(queue);
    queue.close = async () => {
      await close();
      await connection.quit().catch(() => connection.disconnect());
    };
  }
  return queue;
}

/** Deletes every key of a test prefix's queues (after the workers using them have closed). */
export async function dropQueues(prefix: string, names: readonly string[]): Promise<void> {
  for (const name of names) {
    const q = queueFor(prefix, name);
    await q.pause();
    await q.obliterate({ force: true });
    await q.close();
  }
}
