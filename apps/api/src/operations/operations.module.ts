import { Inject, Logger, Module, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter as BullBoardFastifyAdapter } from '@bull-board/fastify';
import { Queue, RedisOptions } from 'bullmq';
import type { Cluster } from 'ioredis';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { APP_CONFIG, AppConfig } from '@app/config';
import { DomainError, Role } from '@app/domain';
import {
  bullConnection,
  closeBullConnection,
  QueueName,
  queueKeyPrefix,
  REDIS,
} from '@app/messaging';
import { MetricsRegistry } from '@app/observability';
import { AccessTokens } from '../auth/access-tokens';
import { AccountStateCache } from '../auth/account-state.cache';
import { QUEUES_COOKIE, readCookie } from '../auth/auth-cookies';
import { authenticateToken } from '../auth/jwt-auth.guard';
import { recordHttpMetrics } from './http-metrics';
import { QueuesSessionController } from './queues-session.controller';
import { OperationsAccess } from './operations-access';
import { METRICS_PATH, OperationsListener } from './operations-listener';
import {
  answerRedisUnavailable,
  answerWithin,
  REDIS_UNAVAILABLE,
  redisDown,
} from './redis-unavailable';
import type Redis from 'ioredis';

export const BULL_BOARD_PATH = '/admin/queues';

/**
 * Operations endpoints outside the Nest controllers (so outside the global guard and the
 * /api/v1 prefix): `GET /metrics` (Prometheus, with HTTP request counts and latencies) and
 * Bull Board at /admin/queues, which a
 * Fastify onRequest hook opens to admins only, with the API's own authentication (token,
 * account status and token version): a bearer token, or the path-limited cookie that
 * POST /api/v1/operations/queues-session sets for the browser. Who reads /metrics and the API
 * docs: OperationsAccess. With Redis unreachable both answer 503 at once, never hang.
 */
@Module({
  controllers: [QueuesSessionController],
  providers: [OperationsListener, OperationsAccess],
  exports: [OperationsListener],
})
export class OperationsModule implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(OperationsModule.name);
  private queues: Queue[] = [];
  private connection: RedisOptions | Cluster | null = null;

  constructor(
    @Inject(HttpAdapterHost) private readonly adapterHost: HttpAdapterHost,
    @Inject(AccessTokens) private readonly tokens: AccessTokens,
    @Inject(AccountStateCache) private readonly accounts: AccountStateCache,
    @Inject(MetricsRegistry) private readonly metrics: MetricsRegistry,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(OperationsAccess) private readonly access: OperationsAccess,
  ) {}

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    recordHttpMetrics(fastify, this.metrics);
    const connection = bullConnection(this.config.redis);
    this.connection = connection;
    this.queues = Object.values(QueueName).map((name) => {
      const queue = new Queue(name, {
        connection,
        prefix: queueKeyPrefix(this.config.queues.prefix, name),
      });
      queue.on('error', (error) => this.logger.warn(`queue ${name}: ${error.message}`));
      return queue;
    });
    this.metrics.gauge(
      'motcua_queue_depth',
      'Jobs waiting, delayed, active or failed, per queue',
      ['queue', 'state'],
      async (gauge) => {
        for (const queue of this.queues) {
          const counts = await queue.getJobCounts('waiting', 'delayed', 'active', 'failed');
          for (const [state, n] of Object.entries(counts)) {
            gauge.set({ queue: queue.name, state }, n);
          }
        }
      },
    );
    this.access.install(fastify);
    // BullMQ's connections wait for Redis rather than fail: past this, answer 503.
    const limitMs = 2 * this.config.redis.commandTimeoutMs + 1000;
    void fastify.register((scope, _options, done) => {
      answerWithin(scope, limitMs);
      scope.get(METRICS_PATH, async (_request, reply) => {
        if (redisDown(this.redis)) {
          return answerRedisUnavailable(reply);
        }
        let text: string;
        try {
          text = await this.metrics.text();
        } catch (error) {
          this.logger.warn(`/metrics: ${(error as Error).message}`);
          return answerRedisUnavailable(reply);
        }
        return reply.header('content-type', this.metrics.contentType).send(text);
      });
      done();
    });

    const board = new BullBoardFastifyAdapter();
    createBullBoard({ queues: this.queues.map((q) => new BullMQAdapter(q)), serverAdapter: board });
    board.setBasePath(BULL_BOARD_PATH);
    void fastify.register(
      async (scope) => {
        scope.addHook('onRequest', (request, reply) => this.requireAdmin(request, reply));
        scope.addHook('onRequest', async (_request, reply) => {
          if (!reply.sent && redisDown(this.redis)) {
            return answerRedisUnavailable(reply);
          }
        });
        answerWithin(scope, limitMs);
        // Bull Board answers 500 for any failure; one caused by Redis going away is a 503.
        scope.addHook('onSend', async (_request, reply, payload) => {
          if (reply.statusCode >= 500 && redisDown(this.redis)) {
            void reply.code(503).header('content-type', 'application/json; charset=utf-8');
            return JSON.stringify(REDIS_UNAVAILABLE);
          }
          return payload;
        });
        await scope.register(board.registerPlugin());
      },
      { prefix: BULL_BOARD_PATH },
    );
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all(this.queues.map((q) => q.close().catch(() => undefined)));
    if (this.connection) {
      await closeBullConnection(this.connection);
    }
  }

  private async requireAdmin(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    const header = request.headers.authorization;
    const cookie = readCookie(request, QUEUES_COOKIE);
    let role: Role | undefined;
    try {
      if (header?.startsWith('Bearer ')) {
        role = (await authenticateToken(this.tokens, this.accounts, header.slice(7))).role;
      } else if (cookie !== null) {
        role = (await authenticateToken(this.tokens, this.accounts, cookie, 'queues')).role;
      }
    } catch (error) {
      if (!(error instanceof DomainError)) {
        throw error;
      }
      role = undefined;
    }
    if (!role) {
      await reply.code(401).send({
        statusCode: 401,
        code: 'UNAUTHENTICATED',
        message: 'Log in as an admin and open the queues from the web app',
      });
    } else if (role !== Role.Admin) {
      await reply.code(403).send({ statusCode: 403, code: 'FORBIDDEN', message: 'Admins only' });
    }
  }
}
