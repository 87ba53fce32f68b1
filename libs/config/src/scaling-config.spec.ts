import { ConfigValidationError, loadConfig } from './load-config';

describe('scaling configuration (issue 14: replica, pooler, Redis Cluster)', () => {
  it('defaults: no replica, the direct URL is DATABASE_URL, named statements, one Redis', () => {
    const config = loadConfig({ DATABASE_URL: 'postgres://u@db:6432/motcua' });
    expect(config.database.readUrl).toBeNull();
    expect(config.database.readMaxLagMs).toBe(10_000);
    expect(config.database.readSynchronous).toBe(false);
    expect(config.database.directUrl).toBe('postgres://u@db:6432/motcua');
    expect(config.database.namedStatements).toBe(true);
    expect(config.redis.clusterNodes).toBeNull();
  });

  it('takes a replica, a direct URL past the pooler, and named statements off', () => {
    const { database } = loadConfig({
      DATABASE_URL: 'postgres://u@pgbouncer:6432/motcua',
      DATABASE_DIRECT_URL: 'postgres://u@primary:5432/motcua',
      DATABASE_READ_URL: 'postgresql://u@replica:5432/motcua',
      DATABASE_READ_MAX_LAG_MS: '3000',
      DATABASE_NAMED_STATEMENTS: 'false',
      DATABASE_READ_SYNCHRONOUS: 'true',
    });
    expect(database).toMatchObject({
      url: 'postgres://u@pgbouncer:6432/motcua',
      directUrl: 'postgres://u@primary:5432/motcua',
      readUrl: 'postgresql://u@replica:5432/motcua',
      readMaxLagMs: 3000,
      namedStatements: false,
      readSynchronous: true,
    });
  });

  it('deadline reminders: the sweep by default, delayed jobs on request, nothing else', () => {
    expect(loadConfig({}).sweep.reminders).toBe('sweep');
    expect(loadConfig({ DEADLINE_REMINDERS: 'jobs' }).sweep.reminders).toBe('jobs');
    expect(() => loadConfig({ DEADLINE_REMINDERS: 'cron' })).toThrow(/DEADLINE_REMINDERS/);
  });

  it('reads Redis Cluster seed nodes, IPv6 ones bracketed', () => {
    const { redis } = loadConfig({ REDIS_CLUSTER_NODES: '10.0.0.1:7000,redis-b:7001,[::1]:7002' });
    expect(redis.clusterNodes).toEqual([
      { host: '10.0.0.1', port: 7000 },
      { host: 'redis-b', port: 7001 },
      { host: '::1', port: 7002 },
    ]);
  });

  it.each([
    [{ DATABASE_READ_URL: 'mysql://replica/motcua' }, 'DATABASE_READ_URL'],
    [{ DATABASE_DIRECT_URL: 'primary:5432' }, 'DATABASE_DIRECT_URL'],
    [{ DATABASE_READ_MAX_LAG_MS: '10' }, 'DATABASE_READ_MAX_LAG_MS'],
    [{ REDIS_CLUSTER_NODES: 'redis-a' }, 'REDIS_CLUSTER_NODES'],
    [{ REDIS_CLUSTER_NODES: 'redis-a:7000,' }, 'REDIS_CLUSTER_NODES'],
    [{ REDIS_CLUSTER_NODES: 'redis-a:7000;redis-b:7001' }, 'REDIS_CLUSTER_NODES'],
  ])('%o is refused naming %s', (env, variable) => {
    let caught: unknown;
    try {
      loadConfig(env);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConfigValidationError);
    expect((caught as ConfigValidationError).problems.join('\n')).toMatch(
      new RegExp(`^${variable}`, 'm'),
    );
  });

  it('never repeats a database URL in a message (it may hold a password)', () => {
    let caught: unknown;
    try {
      loadConfig({ DATABASE_READ_URL: 'mysql://user:secret@replica/motcua' });
    } catch (error) {
      caught = error;
    }
    expect((caught as ConfigValidationError).message).not.toContain('secret');
  });
});
