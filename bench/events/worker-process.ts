import { ChildProcess, spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { sleep } from '../intake/api-process';

const BUILT_ENTRY = 'dist/apps/worker/main.js';
const SOURCE_ENTRY = 'apps/worker/src/main.ts';
const SOURCE_ROOTS = ['apps/worker/src', 'libs'];
const READY_TIMEOUT_MS = 90_000;
const STOP_GRACE_MS = 10_000;

/**
 * The worker as a child process: the built bundle when it is newer than every source file,
 * otherwise the sources through swc-node (no build here, to keep the run bounded).
 */
export class WorkerProcess {
  private output = '';
  private readonly exited: Promise<void>;
  private hasExited = false;

  private constructor(
    private readonly child: ChildProcess,
    readonly mode: string,
    private readonly port: number,
  ) {
    const keep = (chunk: Buffer) => (this.output = (this.output + chunk.toString()).slice(-8000));
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    this.exited = new Promise((resolve) =>
      child.once('exit', () => {
        this.hasExited = true;
        resolve();
      }),
    );
  }

  static start(port: number, env: Record<string, string>): WorkerProcess {
    const built = bundleIsUpToDate();
    const args = built ? [BUILT_ENTRY] : ['-r', '@swc-node/register', SOURCE_ENTRY];
    const child = spawn(process.execPath, args, {
      env: { ...process.env, ...env, WORKER_PORT: String(port) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const mode = built
      ? `node ${BUILT_ENTRY} (up-to-date build)`
      : `node -r @swc-node/register ${SOURCE_ENTRY} (no up-to-date build)`;
    return new WorkerProcess(child, mode, port);
  }

  async waitReady(): Promise<void> {
    const deadline = Date.now() + READY_TIMEOUT_MS;
    while (Date.now() < deadline) {
      if (this.hasExited) {
        throw new Error(`worker exited before it was ready:\n${this.output.slice(-3000)}`);
      }
      try {
        const response = await fetch(`http://127.0.0.1:${this.port}/health/ready`);
        if (response.ok) {
          return;
        }
      } catch {
        // not listening yet
      }
      await sleep(250);
    }
    throw new Error(
      `worker not ready after ${READY_TIMEOUT_MS / 1000} s:\n${this.output.slice(-3000)}`,
    );
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  /** SIGTERM, then SIGKILL after 10 s. */
  async stop(): Promise<void> {
    if (this.hasExited) {
      return;
    }
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), STOP_GRACE_MS);
    await this.exited;
    clearTimeout(timer);
  }
}

function bundleIsUpToDate(): boolean {
  if (!existsSync(BUILT_ENTRY)) {
    return false;
  }
  let newest = 0;
  const visit = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        visit(path);
      } else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts')) {
        // A unit test is not in the bundle: editing one does not make the build stale.
        newest = Math.max(newest, statSync(path).mtimeMs);
      }
    }
  };
  SOURCE_ROOTS.forEach(visit);
  return statSync(BUILT_ENTRY).mtimeMs >= newest;
}
