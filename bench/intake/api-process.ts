import { ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';

const BUILT_ENTRY = 'dist/apps/api/main.js';
const SOURCE_ENTRY = 'apps/api/src/main.ts';
const SOURCE_ROOTS = ['apps/api/src', 'libs'];
/** webpack writes the bundle even when type-checking fails: such a bundle is not "up to date". */
const FAILED_BUILD_NOTE = join(__dirname, 'results', 'failed-build.json');
const BUILD_TIMEOUT_MS = 300_000;
const READY_TIMEOUT_MS = 90_000;
const STOP_GRACE_MS = 10_000;

export interface ApiLaunch {
  /** How the API was started, for the report ("built bundle" or the fallback). */
  mode: string;
  /** Modules preloaded with `node -r`. */
  preloads: string[];
  entry: string;
}

/** `npm run build` if the bundle is missing or older than a source; swc-node if the build fails. */
export async function prepareApiLaunch(log: (line: string) => void): Promise<ApiLaunch> {
  if (bundleIsUpToDate()) {
    return { mode: `node ${BUILT_ENTRY} (up-to-date build)`, preloads: [], entry: BUILT_ENTRY };
  }
  log('building the API (npm run build)…');
  const failure = await runBuild();
  if (failure === null) {
    return { mode: `node ${BUILT_ENTRY} (fresh build)`, preloads: [], entry: BUILT_ENTRY };
  }
  log(`npm run build failed, falling back to swc-node: ${failure}`);
  if (existsSync(BUILT_ENTRY)) {
    mkdirSync(dirname(FAILED_BUILD_NOTE), { recursive: true });
    writeFileSync(FAILED_BUILD_NOTE, JSON.stringify({ mtimeMs: statSync(BUILT_ENTRY).mtimeMs }));
  }
  return sourceLaunch(`npm run build failed: ${failure}`);
}

/** The API from its TypeScript sources through swc-node, when the build cannot be used. */
export function sourceLaunch(reason: string): ApiLaunch {
  return {
    mode: `node -r @swc-node/register ${SOURCE_ENTRY} (FALLBACK: ${reason})`,
    preloads: ['@swc-node/register'],
    entry: SOURCE_ENTRY,
  };
}

export function isSourceLaunch(launch: ApiLaunch): boolean {
  return launch.entry === SOURCE_ENTRY;
}

export class ApiProcess {
  private exited: Promise<void>;
  private output = '';

  private constructor(
    private readonly child: ChildProcess,
    readonly baseUrl: string,
  ) {
    const keep = (chunk: Buffer) => (this.output = (this.output + chunk.toString()).slice(-8000));
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    this.exited = new Promise((resolve) => child.once('exit', () => resolve()));
  }

  /**
   * Starts the API; `extraPreloads` are added after the launch's own (each module once). The IPC
   * channel is only for cpu-profile-preload.ts; the API itself does not use it.
   */
  static start(
    launch: ApiLaunch,
    port: number,
    env: Record<string, string>,
    options: { extraPreloads: string[]; ipc: boolean },
  ) {
    const preloads = [...new Set([...launch.preloads, ...options.extraPreloads])];
    const nodeArgs = [...preloads.flatMap((module) => ['-r', module]), launch.entry];
    const child = spawn(process.execPath, nodeArgs, {
      env: { PATH: process.env.PATH ?? '', ...env, PORT: String(port) },
      stdio: options.ipc ? ['ignore', 'pipe', 'pipe', 'ipc'] : ['ignore', 'pipe', 'pipe'],
    });
    return new ApiProcess(child, `http://127.0.0.1:${port}`);
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  /** Polls /api/v1/health/ready until it answers 200. */
  async waitUntilReady(): Promise<void> {
    const deadline = Date.now() + READY_TIMEOUT_MS;
    while (Date.now() < deadline) {
      if (this.child.exitCode !== null) {
        throw new Error(`the API exited with code ${this.child.exitCode}:\n${this.output}`);
      }
      try {
        const response = await fetch(`${this.baseUrl}/api/v1/health/ready`, {
          signal: AbortSignal.timeout(2000),
        });
        if (response.ok) {
          return;
        }
      } catch {
        // not listening yet
      }
      await sleep(250);
    }
    throw new Error(`the API was not ready within ${READY_TIMEOUT_MS / 1000} s:\n${this.output}`);
  }

  /** SIGTERM, then SIGKILL if it has not exited after a grace period. */
  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) {
      return;
    }
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), STOP_GRACE_MS);
    await this.exited;
    clearTimeout(timer);
  }

  /** Sends a message over the IPC channel and waits for the next one back. */
  request(message: object, timeoutMs = 15_000): Promise<Record<string, string>> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.child.off('message', answer);
        reject(new Error(`no answer to ${JSON.stringify(message)} within ${timeoutMs} ms`));
      }, timeoutMs);
      const answer = (reply: Record<string, string>) => {
        clearTimeout(timer);
        resolve(reply);
      };
      this.child.once('message', answer);
      this.child.send(message);
    });
  }

  /** The first "…Error: …" line the process printed, or its last line. */
  firstError(): string {
    const lines = this.output.split('\n').filter((line) => line.trim() !== '');
    return (lines.find((line) => /^\w*Error\b/.test(line)) ?? lines.at(-1) ?? '').trim();
  }
}

/** A port nothing listens on right now, on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address
          ? resolve(address.port)
          : reject(new Error('no port')),
      );
    });
  });
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function bundleIsUpToDate(): boolean {
  if (!existsSync(BUILT_ENTRY)) {
    return false;
  }
  const bundleMtime = statSync(BUILT_ENTRY).mtimeMs;
  const failedBuild = existsSync(FAILED_BUILD_NOTE)
    ? (JSON.parse(readFileSync(FAILED_BUILD_NOTE, 'utf8')) as { mtimeMs: number })
    : null;
  return bundleMtime >= newestSourceMtime() && failedBuild?.mtimeMs !== bundleMtime;
}

function newestSourceMtime(): number {
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
  return newest;
}

/** Resolves null on success, or a one-line reason. */
function runBuild(): Promise<string | null> {
  return new Promise((resolve) => {
    const child = spawn('npm', ['run', 'build'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), BUILD_TIMEOUT_MS);
    child.on('error', (error) => resolve(error.message));
    child.on('exit', (code) => {
      clearTimeout(timer);
      // eslint-disable-next-line no-control-regex
      const plain = output.replace(/\x1b\[[0-9;]*m/g, '');
      const reason = [/Can't resolve '[^']+'/, /error TS\d+[^\n]*/, /ERROR[^\n]*/]
        .map((pattern) => pattern.exec(plain)?.[0])
        .find((match) => match !== undefined);
      resolve(code === 0 ? null : (reason ?? `exit ${code}`).trim());
    });
  });
}
