import { spawn } from 'node:child_process';
import path from 'node:path';
import { Role } from '@app/domain';
import { Pool } from 'pg';
import { Factories } from '../factories/factories';
import { childEnv } from '../setup/child-env';
import { REDIS_URL } from '../setup/services';
import { createTestDatabase } from '../setup/test-database';
import { freePort } from '../setup/worker-process';

const ROOT = path.resolve(__dirname, '../..');

// Personal data and secrets this scenario sends; none may appear in the API's own log output.
const PHONE = '0987654321';
const ID_NUMBER = '079203001234';
const FULL_NAME = 'Phạm Thị Quỳnh Như';
const PASSWORD = 'Mk-log-scan-2026!';
const EMAIL = 'quynh.nhu.logscan@example.vn';

/**
 * Issue 9, "Done when": the test run's own logs contain no phone number, identity number or
 * token. Runs apps/api/src/main.ts as the real process (its pino output as operators get it,
 * at the most verbose level), drives a scenario that carries all of them (login, intake, search
 * by name and phone, detail, public look-up, refresh, wrong password, rejected input), and scans
 * every line it printed.
 */
describe('logs carry no personal data or tokens', () => {
  let output = '';
  const secrets: Record<string, string> = {};

  beforeAll(async () => {
    const database = await createTestDatabase();
    const db = new Pool({ connectionString: database.url, max: 2 });
    db.on('error', () => undefined);
    const factory = new Factories(db);
    const department = await factory.department();
    const procedure = await factory.procedure({ departmentId: department.id });
    const user = await factory.user({
      role: Role.Reception,
      departmentId: department.id,
      password: PASSWORD,
    });
    const port = await freePort();
    const child = spawn(process.execPath, ['-r', '@swc-node/register', 'apps/api/src/main.ts'], {
      cwd: ROOT,
      env: childEnv({
        NODE_ENV: 'test',
        DATABASE_URL: database.url,
        DATABASE_POOL_SIZE: '3',
        REDIS_URL,
        PORT: String(port),
        LOG_LEVEL: 'trace',
      }),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    const base = `http://127.0.0.1:${port}/api/v1`;
    try {
      for (let i = 0; ; i++) {
        const live = await fetch(`${base}/health/live`).catch(() => undefined);
        if (live?.ok) {
          break;
        }
        if (i > 600 || child.exitCode !== null) {
          throw new Error(`the API did not start:\n${output}`);
        }
        await new Promise((r) => setTimeout(r, 100));
      }
      const json = (body: unknown, headers: Record<string, string> = {}) => ({
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify(body),
      });

      const wrong = await fetch(
        `${base}/auth/login`,
        json({ username: user.username, password: 'sai-mat-khau-1' }),
      );
      expect(wrong.status).toBe(401);
      const login = await fetch(
        `${base}/auth/login`,
        json({ username: user.username, password: PASSWORD }),
      );
      expect(login.status).toBe(200);
      const token = ((await login.json()) as { accessToken: string }).accessToken;
      const refreshCookie = (login.headers.get('set-cookie') ?? '').split(';')[0];
      secrets.accessToken = token;
      secrets.refreshToken = refreshCookie.split('=')[1] ?? '';
      const auth = { authorization: `Bearer ${token}` };

      const applicant = { fullName: FULL_NAME, idNumber: ID_NUMBER, phone: PHONE, email: EMAIL };
      const intake = await fetch(
        `${base}/applications`,
        json(
          { procedureCode: procedure.code, channel: 'direct', applicant },
          { ...auth, 'idempotency-key': 'log-scan-1' },
        ),
      );
      expect(intake.status).toBe(201);
      const created = (await intake.json()) as { id: string; code: string };
      // Rejected input that carries the same data (the error path logs too).
      const bad = await fetch(
        `${base}/applications`,
        json({ procedureCode: procedure.code, channel: 'fax', applicant }, auth),
      );
      expect(bad.status).toBe(400);
      for (const q of [FULL_NAME, PHONE, ID_NUMBER]) {
        const found = await fetch(`${base}/applications?q=${encodeURIComponent(q)}`, {
          headers: auth,
        });
        expect(found.status).toBe(200);
      }
      expect((await fetch(`${base}/applications/${created.id}`, { headers: auth })).status).toBe(
        200,
      );
      const lookup = await fetch(
        `${base}/public/applications/lookup`,
        json({ code: created.code, phone: PHONE.slice(-4) }),
      );
      expect(lookup.status).toBe(200);
      const refresh = await fetch(`${base}/auth/refresh`, {
        method: 'POST',
        headers: { cookie: refreshCookie },
      });
      expect(refresh.status).toBe(200);
      const refreshed = (await refresh.json()) as { accessToken: string };
      secrets.refreshedAccessToken = refreshed.accessToken;
      secrets.rotatedRefreshToken =
        (refresh.headers.get('set-cookie') ?? '').split(';')[0].split('=')[1] ?? '';
    } finally {
      child.kill('SIGTERM');
      await exited;
      await db.end();
      await database.drop();
    }
  }, 120_000);

  it('captured the request logs (so the scan below can fail)', () => {
    expect(output).toContain('"req"');
    expect(output).toContain('/api/v1/applications');
    expect(Object.values(secrets).every((s) => s.length >= 20)).toBe(true);
  });

  it.each([
    ['the phone number', PHONE],
    ['the phone number without its leading 0', PHONE.slice(1)],
    ['the identity number', ID_NUMBER],
    ['the applicant name searched with q', FULL_NAME],
    ['the URL-encoded name searched with q', encodeURIComponent(FULL_NAME)],
    ['the e-mail address', EMAIL],
    ['the password', PASSWORD],
  ])('no line contains %s', (_label, value) => {
    const lines = output.split('\n').filter((line) => line.includes(value));
    expect(lines.map((l) => l.slice(0, 400))).toEqual([]);
  });

  it.each(['accessToken', 'refreshToken', 'refreshedAccessToken', 'rotatedRefreshToken'])(
    'no line contains the %s',
    (name) => {
      const lines = output.split('\n').filter((line) => line.includes(secrets[name]));
      expect(lines.map((l) => l.slice(0, 400))).toEqual([]);
    },
  );
});
