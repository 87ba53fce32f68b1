import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { childEnv } from './child-env';
import type { TraceChainReport } from './trace-chain-process';

const ROOT = path.resolve(__dirname, '../..');
const OUT = path.join(ROOT, 'test-artifacts', 'trace-chain');

export interface TraceChainRun {
  report: TraceChainReport;
  logs: Array<Record<string, unknown>>;
}

/**
 * Runs test/setup/trace-chain-process.ts with `env` added and resolves with its report
 * and the JSON log lines it printed.
 */
export function runTraceChain(env: Record<string, string>): Promise<TraceChainRun> {
  mkdirSync(OUT, { recursive: true });
  const file = path.join(OUT, `report-${process.pid}.json`);
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['-r', '@swc-node/register', 'test/setup/trace-chain-process.ts', file],
      {
        cwd: ROOT,
        env: childEnv(env),
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) {
        reject(new Error(`trace chain process exited ${code}:\n${stderr}\n${stdout.slice(-4000)}`));
        return;
      }
      const logs = stdout
        .split('\n')
        .filter((line) => line.startsWith('{'))
        .map((line) => JSON.parse(line) as Record<string, unknown>);
      resolve({ report: JSON.parse(readFileSync(file, 'utf8')) as TraceChainReport, logs });
    });
  });
}
