/** The shared ioredis connection of the API and the worker (rate limits, tickets, health). */
export const REDIS = Symbol('REDIS');
