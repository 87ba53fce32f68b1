import { execFileSync, spawn } from 'node:child_process';
import { appendFileSync, chownSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';

/** Debian's PostgreSQL 15 binaries (PG_BIN to use others). */
export const PG_BIN = process.env.PG_BIN ?? '/usr/lib/postgresql/15/bin';

const asRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const POSTGRES_USER = 'postgres';

/**
 * Runs a PostgreSQL program as the `postgres` user (initdb and the server refuse root); as
 * anyone else, as that user. Returns its output; throws with it on failure.
 */
export function pgTool(program: string, args: string[], timeoutMs = 300_000): string {
  const path = program.includes('/') ? program : join(PG_BIN, program);
  const [file, argv] = asRoot
    ? ['runuser', ['-u', POSTGRES_USER, '--', path, ...args]]
    : [path, args];
  try {
    return execFileSync(file, argv, { encoding: 'utf8', timeout: timeoutMs, stdio: 'pipe' });
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string; message: string };
    throw new Error(
      `${program} ${args.join(' ')} failed: ${e.message}\n${e.stderr ?? ''}${e.stdout ?? ''}`,
    );
  }
}

/** A directory the postgres user owns (the server's data, archive and socket). */
export function ownedDirectory(path: string): string {
  mkdirSync(path, { recursive: true, mode: 0o700 });
  if (asRoot) {
    const uid = Number(execFileSync('id', ['-u', POSTGRES_USER], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', POSTGRES_USER], { encoding: 'utf8' }).trim());
    chownSync(path, uid, gid);
  }
  return path;
}

/** A throw-away PostgreSQL cluster on 127.0.0.1:port, its socket in `socketDir`. */
export class TempCluster {
  constructor(
    readonly dataDir: string,
    readonly port: number,
    readonly socketDir: string,
  ) {}

  get url(): string {
    return `postgres://postgres@127.0.0.1:${this.port}/motcua`;
  }

  get adminUrl(): string {
    return `postgres://postgres@127.0.0.1:${this.port}/postgres`;
  }

  /** initdb with 1 MB WAL segments (small archive files, quick switches). */
  static init(dataDir: string, port: number, socketDir: string): TempCluster {
    pgTool('initdb', [
      '-D',
      dataDir,
      '-U',
      POSTGRES_USER,
      '--auth=trust',
      '--encoding=UTF8',
      '--locale=C.UTF-8',
      '--wal-segsize=1',
    ]);
    return new TempCluster(dataDir, port, socketDir);
  }

  /** Appends settings to postgresql.conf (later lines win). */
  configure(settings: Record<string, string | number>): void {
    const lines = Object.entries(settings).map(([key, value]) =>
      typeof value === 'number' ? `${key} = ${value}` : `${key} = '${value.replace(/'/g, "''")}'`,
    );
    appendFileSync(join(this.dataDir, 'postgresql.conf'), `\n${lines.join('\n')}\n`);
  }

  start(): void {
    this.configure({
      port: this.port,
      listen_addresses: '127.0.0.1',
      unix_socket_directories: this.socketDir,
    });
    pgTool('pg_ctl', [
      '-D',
      this.dataDir,
      '-l',
      join(this.dataDir, 'server.log'),
      '-w',
      '-t',
      '600',
      'start',
    ]);
  }

  /** `immediate`: the crash a power cut or SIGKILL of the postmaster causes (no checkpoint). */
  stop(mode: 'fast' | 'immediate' = 'fast'): void {
    if (existsSync(join(this.dataDir, 'postmaster.pid'))) {
      pgTool('pg_ctl', ['-D', this.dataDir, '-m', mode, '-w', 'stop']);
    }
  }

  serverLog(): string {
    const path = join(this.dataDir, 'server.log');
    return existsSync(path) ? readFileSync(path, 'utf8').slice(-4000) : '';
  }

  async connect(database = 'motcua'): Promise<Client> {
    const client = new Client({
      connectionString: `postgres://postgres@127.0.0.1:${this.port}/${database}`,
    });
    client.on('error', () => undefined);
    await client.connect();
    return client;
  }
}

/** Runs the project's migrations (apps/cli/src/migrate.ts creates the database if missing). */
export function runMigrations(databaseUrl: string, timeoutMs = 300_000): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-r', '@swc-node/register', 'apps/cli/src/migrate.ts'], {
      env: { ...process.env, DATABASE_URL: databaseUrl, NODE_ENV: 'development' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) {
        resolve();
      } else {
        reject(
          new Error(`migrations failed (${signal ?? `exit ${code}`}):\n${output.slice(-4000)}`),
        );
      }
    });
  });
}
