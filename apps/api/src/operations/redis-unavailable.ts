import type { FastifyInstance, FastifyReply } from 'fastify';
import type Redis from 'ioredis';

export const REDIS_UNAVAILABLE = {
  statusCode: 503,
  code: 'SERVICE_UNAVAILABLE',
  message: 'Redis is unreachable: queue figures cannot be read now; retry later',
} as const;

/** The shared connection's view of Redis: commands sent now would fail or wait. */
export function redisDown(redis: Redis): boolean {
  return redis.status !== 'ready';
}

export function answerRedisUnavailable(reply: FastifyReply): FastifyReply {
  return reply.code(503).send(REDIS_UNAVAILABLE);
}

/**
 * A last guard for routes that read Redis through BullMQ (whose connections wait for Redis
 * rather than fail): a request not answered within `ms` answers 503, never hangs.
 */
export function answerWithin(scope: FastifyInstance, ms: number): void {
  scope.addHook('onRequest', (_request, reply, done) => {
    const timer = setTimeout(() => {
      if (!reply.raw.headersSent && !reply.sent) {
        void answerRedisUnavailable(reply);
      }
    }, ms);
    reply.raw.once('close', () => clearTimeout(timer));
    done();
  });
}
