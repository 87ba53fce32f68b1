import 'reflect-metadata';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { JwtService } from '@nestjs/jwt';
import { Test } from '@nestjs/testing';
import { AppConfig, loadConfig } from '@app/config';
import { Clock } from '@app/core';
import { Role } from '@app/domain';
import { Pool } from 'pg';
import request from 'supertest';
import TestAgent from 'supertest/lib/agent';
import { ApiModule } from '../../apps/api/src/api.module';
import {
  apiAppOptions,
  configureApiApp,
  createApiAdapter,
  createApiApp,
} from '../../apps/api/src/create-api-app';
import { createTestDatabase } from './test-database';
import { READ_REPLICA_ENV, REDIS_ENV, replicaUrlOf } from './services';
import { Factories } from '../factories/factories';

export interface TestApp {
  app: NestFastifyApplication;
  config: AppConfig;
  http: TestAgent;
  /** Direct access to this file's own database, for setup and for asserting what changed. */
  db: Pool;
  factory: Factories;
  /** A bearer token for a user of that role (created on first use) in the given department. */
  tokenFor(role: Role, departmentId?: string | null): Promise<string>;
  close(): Promise<void>;
}

export interface TestAppOptions {
  /** Replaces the API's one Clock (e.g. a FixedClock the test moves); real time otherwise. */
  clock?: Clock;
  /** Another API process on this database (another TestApp's `config.database.url`). */
  databaseUrl?: string;
}

/** The real API; with a clock, built from a testing module so the Clock can be replaced. */
async function createApp(config: AppConfig, clock?: Clock): Promise<NestFastifyApplication> {
  if (!clock) {
    return createApiApp(config, { logger: false });
  }
  const moduleRef = await Test.createTestingModule({ imports: [ApiModule.register(config)] })
    .overrideProvider(Clock)
    .useValue(clock)
    .compile();
  const app = moduleRef.createNestApplication<NestFastifyApplication>(
    createApiAdapter(config),
    apiAppOptions({ logger: false }),
  );
  configureApiApp(app, { logger: false });
  return app;
}

/** Boots the real API on a fresh database cloned from the migrated template. */
export async function startTestApp(
  env: Record<string, string> = {},
  options: TestAppOptions = {},
): Promise<TestApp> {
  const database = options.databaseUrl
    ? { url: options.databaseUrl, drop: () => Promise.resolve() }
    : await createTestDatabase();
  const replicaUrl = replicaUrlOf(database.url);
  const config = loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: database.url,
    ...(replicaUrl ? { DATABASE_READ_URL: replicaUrl, ...READ_REPLICA_ENV } : {}),
    DATABASE_POOL_SIZE: '5',
    ...REDIS_ENV,
    LOG_LEVEL: 'silent',
    // Redis is shared by every test file: throttles and lockouts keyed by application code
    // (sequential per database) must not meet another file's. One prefix per database, so
    // two API processes on one database share them, as replicas do.
    QUEUE_PREFIX: `motcua-${new URL(database.url).pathname.slice(1)}`,
    ...env,
  });
  const app = await createApp(config, options.clock);
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  const db = new Pool({ connectionString: database.url, max: 3 });
  // Dropping the database at the end terminates idle connections: not an error of the test.
  db.on('error', () => undefined);
  const factory = new Factories(db);
  const jwt = app.get(JwtService);
  const tokens = new Map<string, string>();

  return {
    app,
    config,
    http: request(app.getHttpServer()),
    db,
    factory,
    async tokenFor(role, departmentId = null) {
      const key = `${role}:${departmentId ?? ''}`;
      let token = tokens.get(key);
      if (!token) {
        const user = await factory.user({ role, departmentId });
        token = await jwt.signAsync({ sub: user.id, username: user.username, role, departmentId });
        tokens.set(key, token);
      }
      return token;
    },
    async close() {
      await app.close();
      await db.end();
      await database.drop();
    },
  };
}
