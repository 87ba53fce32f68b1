import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { CORE_SCHEMA, load, mergeTag } from 'js-yaml';
import { loadConfig } from '@app/config';

const ROOT = path.resolve(__dirname, '../..');
const FILE = path.join(ROOT, 'docker-compose.scale.yml');

interface Service {
  image?: string;
  command?: string[];
  entrypoint?: string[];
  environment?: Record<string, string>;
  depends_on?: Record<string, { condition: string }>;
  configs?: Array<{ source: string; target: string }>;
  ports?: string[];
}
interface Compose {
  services: Record<string, Service>;
  configs: Record<string, { content: string }>;
  volumes: Record<string, unknown>;
}

/** `${NAME:-default}` as Compose reads it with NAME unset; `$$` is a literal `$`. */
function interpolate(value: string): string {
  return value.replace(/\$\{[A-Z_]+:-([^}]*)\}/g, '$1').replace(/\$\$/g, '$');
}

// Compose resolves YAML merge keys (`<<: *app`): so must the parse.
const compose = load(readFileSync(FILE, 'utf8'), {
  schema: CORE_SCHEMA.withTags(mergeTag),
}) as Compose;
const services = compose.services;
const env = (name: string) =>
  Object.fromEntries(
    Object.entries(services[name].environment ?? {}).map(([k, v]) => [k, interpolate(String(v))]),
  );
const config = (name: string) => interpolate(compose.configs[name].content);
const host = (url: string) => new URL(url).hostname;
const port = (url: string) => Number(new URL(url).port);

/** `key = value` lines of an ini file. */
function ini(text: string): Record<string, string> {
  return Object.fromEntries(
    text
      .split('\n')
      .map((line) => /^\s*([a-z_]+)\s*=\s*(.*?)\s*$/.exec(line))
      .filter((m): m is RegExpExecArray => m !== null)
      .map((m) => [m[1], m[2]]),
  );
}

const APIS = ['api-1', 'api-2'];
// The file holds 48 random bytes; this random-looking stand-in passes the same rules.
const SECRET = { JWT_SECRET: 'tY7qW2mZ9pK4vB8nR1sX6cL3hF5jD0gA' };
const WORKERS = ['worker-1', 'worker-2'];

describe('docker-compose.scale.yml (the multi-node shape of docs/scaling.md)', () => {
  it('has two APIs behind a load balancer, two workers, primary and replica, PgBouncer, Redis', () => {
    expect(Object.keys(services).sort()).toEqual(
      [
        'postgres',
        'postgres-replica',
        'pgbouncer',
        'redis',
        'secrets',
        'migrate',
        'lb',
        ...APIS,
        ...WORKERS,
      ].sort(),
    );
  });

  it('every dependency names a service of the file', () => {
    for (const [name, service] of Object.entries(services)) {
      for (const dependency of Object.keys(service.depends_on ?? {})) {
        expect({ service: name, dependency, known: dependency in services }).toEqual({
          service: name,
          dependency,
          known: true,
        });
      }
    }
  });

  it.each([...APIS, ...WORKERS, 'migrate'])(
    '%s: its environment is a valid motcua configuration',
    (name) => {
      const { JWT_SECRET_FILE, ...rest } = env(name);
      expect(JWT_SECRET_FILE).toBe('/run/motcua-secrets/jwt_secret');
      expect(() => loadConfig({ ...rest, ...SECRET })).not.toThrow();
    },
  );

  it('pools go through PgBouncer, LISTEN and migrations to the primary, APIs read the replica', () => {
    const bouncer = ini(config('pgbouncer-ini'));
    for (const name of [...APIS, ...WORKERS]) {
      const e = env(name);
      expect(host(e.DATABASE_URL)).toBe('pgbouncer');
      expect(port(e.DATABASE_URL)).toBe(Number(bouncer.listen_port));
      expect(host(e.DATABASE_DIRECT_URL)).toBe('postgres');
      expect(host(e.REDIS_URL)).toBe('redis');
      expect(services[name].depends_on).toHaveProperty('pgbouncer');
    }
    for (const name of APIS) {
      expect(host(env(name).DATABASE_READ_URL)).toBe('postgres-replica');
    }
    for (const name of WORKERS) {
      // The worker reads nothing for managers: it never opens a replica pool.
      expect(env(name).DATABASE_READ_URL).toBeUndefined();
    }
    expect(
      loadConfig({ ...env('migrate'), JWT_SECRET_FILE: undefined, ...SECRET }).database.directUrl,
    ).toMatch(/@postgres:5432\//);
  });

  it('PgBouncer runs in transaction mode and keeps what the apps need of it', () => {
    const bouncer = ini(config('pgbouncer-ini'));
    expect(bouncer.pool_mode).toBe('transaction');
    // pg sends statement_timeout as a startup parameter: PgBouncer must accept it.
    expect(bouncer.ignore_startup_parameters.split(',')).toContain('statement_timeout');
    // Named prepared statements on (DATABASE_NAMED_STATEMENTS) need PgBouncer ≥ 1.21 keeping them.
    expect(env('api-1').DATABASE_NAMED_STATEMENTS).toBe('true');
    expect(Number(bouncer.max_prepared_statements)).toBeGreaterThan(0);
    const version = /pgbouncer:v?(\d+)\.(\d+)/.exec(services.pgbouncer.image ?? '');
    expect(version).not.toBeNull();
    expect(Number(version![1]) * 100 + Number(version![2])).toBeGreaterThanOrEqual(121);
    expect(config('pgbouncer-ini')).toMatch(/^motcua = host=postgres port=5432 /m);
  });

  it('the replica streams from the primary, which allows it', () => {
    const script = (services['postgres-replica'].entrypoint ?? []).join('\n');
    expect(script).toMatch(/pg_basebackup -h postgres .*-R/);
    expect(services.postgres.command).toEqual(expect.arrayContaining(['wal_level=replica']));
  });

  it('the load balancer sends to both APIs on their port, and is the only way in to them', () => {
    const nginx = config('nginx-conf');
    const upstream = [...nginx.matchAll(/server (\S+):(\d+);/g)].map((m) => `${m[1]}:${m[2]}`);
    expect(upstream.sort()).toEqual(APIS.map((name) => `${name}:${env(name).PORT}`).sort());
    for (const name of APIS) {
      expect(services[name].ports).toBeUndefined();
    }
    expect(services.lb.ports).toHaveLength(1);
  });

  it('Redis keeps every key (BullMQ): noeviction and AOF', () => {
    expect(services.redis.command).toEqual(
      expect.arrayContaining(['--maxmemory-policy', 'noeviction', '--appendonly', 'yes']),
    );
  });

  const docker = (() => {
    try {
      execFileSync('docker', ['compose', 'version'], { stdio: 'ignore' });
      return true;
    } catch {
      return false;
    }
  })();
  // Where a Docker engine with Compose exists, Compose itself validates the file too.
  (docker ? it : it.skip)('docker compose config accepts it', () => {
    execFileSync('docker', ['compose', '-f', FILE, 'config', '--quiet'], { cwd: ROOT });
  });
});
