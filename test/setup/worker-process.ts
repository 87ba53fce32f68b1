import { ChildProcess, spawn } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { REDIS_ENV } from './services';

const ROOT = path.resolve(__dirname, '../..');

/** A free TCP port, for a child worker's health probes. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export interface WorkerProcess {
  child: ChildProcess;
  /** The process's stderr and stdout, for the failure message of a drill. */
  output(): string;
  /** Resolves once the process has exited (at once if it already has). */
  exited(): Promise<void>;
  kill(signal: NodeJS.Signals): Promise<void>;
  /** Waits for `work`, failing at once (with the process's output) if the process dies first. */
  whileAlive<T>(work: Promise<T>): Promise<T>;
}

/**
 * Runs `apps/worker/src/main.ts` as a real child process (as in production), so a drill can
 * SIGKILL it: nothing of the in-process test worker survives that way.
 */
export async function spawnWorker(
  databaseUrl: string,
  env: Record<string, string>,
): Promise<WorkerProcess> {
  return spawnApp('apps/worker/src/main.ts', {
    DATABASE_URL: databaseUrl,
    DATABASE_POOL_SIZE: '5',
    WORKER_SCHEDULES: 'false',
    WORKER_PORT: String(await freePort()),
    ...env,
  });
}

/** Runs `apps/api/src/main.ts` as a child process on `port` (127.0.0.1). */
export function spawnApi(
  databaseUrl: string,
  port: number,
  env: Record<string, string>,
): WorkerProcess {
  return spawnApp('apps/api/src/main.ts', {
    DATABASE_URL: databaseUrl,
    DATABASE_POOL_SIZE: '5',
    PORT: String(port),
    HOST: '127.0.0.1',
    ...env,
  });
}

/** One app's main.ts in a child process, with the test environment and `env`. */
function spawnApp(entry: string, env: Record<string, string>): WorkerProcess {
  const child = spawn(process.execPath, ['-r', '@swc-node/register', entry], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH,
      NODE_ENV: 'test',
      ...REDIS_ENV,
      LOG_LEVEL: 'warn',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-20000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exit = new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) {
      resolve();
    }
    child.once('exit', () => resolve());
  });
  return {
    child,
    output: () => output,
    exited: () => exit,
    whileAlive(work) {
      const died = exit.then(() => {
        throw new Error(`${entry} exited (${child.exitCode ?? child.signalCode}):\n${output}`);
      });
      return Promise.race([work, died]);
    },
    async kill(signal) {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill(signal);
      }
      await exit;
    },
  };
}
