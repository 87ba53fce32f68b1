import type { Cluster, Redis } from 'ioredis';

/** The shared ioredis connection of the API and the worker (rate limits, tickets, health). */
export const REDIS = Symbol('REDIS');

/**
 * A single server or a Redis Cluster (REDIS_CLUSTER_NODES). Every key motcua uses outside
 * BullMQ is touched alone (one key per command, script or MULTI), so either serves.
 */
export type RedisClient = Redis | Cluster;
