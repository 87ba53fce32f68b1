import 'reflect-metadata';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { AppConfig, loadConfig } from '@app/config';
import request from 'supertest';
import TestAgent from 'supertest/lib/agent';
import { createWorkerApp } from '../../apps/worker/src/create-worker-app';
import { createTestDatabase } from './test-database';
import { REDIS_ENV } from './services';

export interface TestWorker {
  app: NestFastifyApplication;
  config: AppConfig;
  /** The worker's own HTTP server (health probes only). */
  http: TestAgent;
  close(): Promise<void>;
}

/** Boots the real worker on a fresh database cloned from the migrated template. */
export async function startTestWorker(env: Record<string, string> = {}): Promise<TestWorker> {
  const database = await createTestDatabase();
  const config = loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: database.url,
    DATABASE_POOL_SIZE: '3',
    ...REDIS_ENV,
    LOG_LEVEL: 'silent',
    // Own BullMQ keys per test file: parallel files never share a queue in the one Redis.
    QUEUE_PREFIX: `motcua-test-${Math.random().toString(36).slice(2, 10)}`,
    ...env,
  });
  const app = await createWorkerApp(config, { logger: false });
  try {
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
  } catch (error) {
    await app.close().catch(() => undefined);
    await database.drop();
    throw error;
  }

  return {
    app,
    config,
    http: request(app.getHttpServer()),
    async close() {
      await app.close();
      await database.drop();
    },
  };
}
