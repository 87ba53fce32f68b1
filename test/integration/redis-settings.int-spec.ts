import { ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { loadConfig } from '@app/config';
import { checkRedisSettings, RedisSettingsError } from '@app/messaging';
import Redis from 'ioredis';
import { childEnv } from '../setup/child-env';
import { freePort } from '../setup/free-port';
import { findExecutable } from '../setup/run-tool';
import { createTestDatabase } from '../setup/test-database';

// At start the API and the worker check that Redis keeps every key (noeviction) and survives a
// restart (AOF): production refuses to start, development warns. Each case runs its own
// throwaway redis-server on a free port.

const ROOT = path.resolve(__dirname, '../..');
const REDIS_SERVER = findExecutable('redis-server');
if (!REDIS_SERVER) {
  throw new Error('redis-server is not on PATH: this test starts throwaway Redis servers');
}

interface Throwaway {
  url: string;
  stop(): Promise<void>;
}

async function startRedis(args: string[], port?: number): Promise<Throwaway> {
  port ??= await freePort();
  const dir = mkdtempSync(path.join(tmpdir(), 'motcua-redis-'));
  const child: ChildProcess = spawn(
    REDIS_SERVER!,
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--dir', dir, ...args],
    { stdio: 'ignore' },
  );
  const url = `redis://127.0.0.1:${port}`;
  const probe = new Redis(url, {
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  probe.on('error', () => undefined);
  for (let i = 0; ; i++) {
    try {
      await probe.connect();
      await probe.ping();
      break;
    } catch (error) {
      if (i > 100) {
        throw error;
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  probe.disconnect();
  return {
    url,
    async stop() {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

const STRONG = randomBytes(48).toString('hex');
const configFor = (env: 'production' | 'development', url: string) =>
  loadConfig({ NODE_ENV: env, JWT_SECRET: STRONG, REDIS_URL: url });

function recorder() {
  const warnings: string[] = [];
  return { warnings, logger: { warn: (m: string) => warnings.push(m), log: () => undefined } };
}

describe('Redis settings checked at start', () => {
  let lru: Throwaway;
  let fit: Throwaway;
  beforeAll(async () => {
    [lru, fit] = await Promise.all([
      startRedis(['--maxmemory-policy', 'allkeys-lru', '--appendonly', 'no']),
      startRedis(['--maxmemory-policy', 'noeviction', '--appendonly', 'yes']),
    ]);
  });
  afterAll(async () => {
    await Promise.all([lru?.stop(), fit?.stop()]);
  });

  it('production refuses allkeys-lru without AOF, naming both settings', async () => {
    const { logger } = recorder();
    const check = checkRedisSettings(configFor('production', lru.url), logger);
    await expect(check).rejects.toBeInstanceOf(RedisSettingsError);
    await expect(check).rejects.toThrow(/maxmemory-policy is allkeys-lru, must be noeviction/);
    await expect(check).rejects.toThrow(/appendonly is no, must be yes/);
  });

  it('development starts, with one warning per setting', async () => {
    const { logger, warnings } = recorder();
    await checkRedisSettings(configFor('development', lru.url), logger);
    expect(warnings).toEqual([
      expect.stringMatching(/maxmemory-policy is allkeys-lru/),
      expect.stringMatching(/appendonly is no/),
    ]);
  });

  it('a Redis with noeviction and AOF passes in production, silently', async () => {
    const { logger, warnings } = recorder();
    expect(await checkRedisSettings(configFor('production', fit.url), logger)).toBe('checked');
    expect(warnings).toEqual([]);
  });

  it('REDIS_CHECK_SETTINGS=false skips the check (an operator checked by hand)', async () => {
    const { logger } = recorder();
    const config = loadConfig({
      NODE_ENV: 'production',
      JWT_SECRET: STRONG,
      REDIS_URL: lru.url,
      REDIS_CHECK_SETTINGS: 'false',
    });
    await expect(checkRedisSettings(config, logger)).resolves.toBe('skipped');
  });

  it.each([
    ['API', 'apps/api/src/main.ts'],
    ['worker', 'apps/worker/src/main.ts'],
  ])(
    'the real %s process exits non-zero in production against allkeys-lru',
    async (_, main) => {
      const result = await new Promise<{ code: number | null; output: string }>((resolve) => {
        execFile(
          process.execPath,
          ['-r', '@swc-node/register', main],
          {
            cwd: ROOT,
            timeout: 90_000,
            // The ports are never reached: the check refuses first.
            env: childEnv({
              NODE_ENV: 'production',
              JWT_SECRET: STRONG,
              REDIS_URL: lru.url,
              PORT: '1',
              WORKER_PORT: '1',
              LOG_LEVEL: 'silent',
            }),
          },
          (error, stdout, stderr) =>
            resolve({ code: error ? Number(error.code) : 0, output: stdout + stderr }),
        );
      });
      expect(result.code).not.toBe(0);
      expect(result.output).toMatch(/not fit for production/);
      expect(result.output).toMatch(/maxmemory-policy is allkeys-lru/);
      expect(result.output).not.toContain(STRONG);
    },
    120_000,
  );

  it('an API started while Redis was unreachable stops once Redis answers with allkeys-lru', async () => {
    const database = await createTestDatabase();
    const redisPort = await freePort();
    const apiPort = await freePort();
    let output = '';
    const child = spawn(process.execPath, ['-r', '@swc-node/register', 'apps/api/src/main.ts'], {
      cwd: ROOT,
      env: childEnv({
        NODE_ENV: 'production',
        JWT_SECRET: STRONG,
        DATABASE_URL: database.url,
        DATABASE_POOL_SIZE: '2',
        REDIS_URL: `redis://127.0.0.1:${redisPort}`,
        PORT: String(apiPort),
        HOST: '127.0.0.1',
        LOG_LEVEL: 'warn',
      }),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<number | null>((resolve) =>
      child.once('exit', (code) => resolve(code)),
    );
    let late: Throwaway | undefined;
    try {
      // Up without Redis (it degrades), having said the check waits for Redis.
      for (let i = 0; ; i++) {
        const live = await fetch(`http://127.0.0.1:${apiPort}/api/v1/health/live`).catch(
          () => undefined,
        );
        if (live?.ok) {
          break;
        }
        if (i > 900 || child.exitCode !== null) {
          throw new Error(`the API did not start:\n${output}`);
        }
        await new Promise((r) => setTimeout(r, 100));
      }
      expect(output).toMatch(/checked when it answers/);
      late = await startRedis(
        ['--maxmemory-policy', 'allkeys-lru', '--appendonly', 'no'],
        redisPort,
      );
      let timer: NodeJS.Timeout | undefined;
      const code = await Promise.race([
        exited,
        new Promise<'still running'>((r) => (timer = setTimeout(() => r('still running'), 30_000))),
      ]);
      clearTimeout(timer);
      expect(code).toBe(1);
      expect(output).toMatch(/not fit for production/);
      expect(output).not.toContain(STRONG);
    } finally {
      if (child.exitCode === null) {
        child.kill('SIGKILL');
        await exited;
      }
      await late?.stop();
      await database.drop();
    }
  }, 120_000);
});
