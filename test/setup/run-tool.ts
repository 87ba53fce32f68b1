import { execFile } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import path from 'node:path';
import { childEnv } from './child-env';

const ROOT = path.resolve(__dirname, '../..');

export interface ToolRun {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs an executable from the repository root, with this process's environment plus `env`.
 * Resolves with its exit code and output; never throws on a non-zero exit.
 */
export function runTool(
  file: string,
  args: readonly string[],
  env: Record<string, string> = {},
): Promise<ToolRun> {
  return new Promise((resolve, reject) => {
    execFile(
      file,
      args,
      {
        cwd: ROOT,
        env: childEnv(env),
        maxBuffer: 64 * 1024 * 1024,
      },
      (error, stdout, stderr) => {
        if (error && typeof error.code !== 'number') {
          reject(new Error(`${file} did not run: ${error.message}`));
          return;
        }
        resolve({ code: error ? Number(error.code) : 0, stdout, stderr });
      },
    );
  });
}

/** A Node CLI of an installed package, run with this Node. */
export function runNodeTool(
  pkg: string,
  args: readonly string[],
  env: Record<string, string> = {},
): Promise<ToolRun> {
  const bin = path.join(ROOT, 'node_modules', pkg, 'bin', 'cli.js');
  return runTool(process.execPath, [bin, ...args], env);
}

/** The path of an executable found on PATH, or null (for tests that need an optional tool). */
export function findExecutable(name: string): string | null {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    const candidate = path.join(dir, name);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return null;
}
