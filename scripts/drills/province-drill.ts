import { spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { loadavg } from 'node:os';
import { Client } from 'pg';
import bcrypt from 'bcryptjs';
import { deleteKeys } from '../../bench/events/events-report';
import { WorkerProcess } from '../../bench/events/worker-process';
import { ApiProcess, freePort, prepareApiLaunch, sleep } from '../../bench/intake/api-process';
import { intakeBodies, RECEPTION_USER, seedCatalog } from '../../bench/intake/dataset';
import { intEnv } from './drill-settings';
import { runMigrations } from './pg-cluster';
import { checkProvince, ProvinceCheck } from './province-checks';
import { ApiTarget, call, Known, Latencies, percentile, steady } from './province-load';

/**
 * drill:province (issue 14 item 7): for DRILL_SECONDS (600 by default; e.g. 60 in CI) on a
 * database of its own, two API processes and two workers: desks take in DRILL_RATE
 * applications/s (Idempotency-Key, retried on another API when one is down), officers start
 * each application and mark its result ready, desks return it, managers read the dashboard's
 * figures and the worklist twice a second. Inside the window one worker (at 35 %) and one API
 * (at 60 %) are killed with SIGKILL and restarted. Reports p50/p99 of writes and reads and the
 * events' lag, then checks that nothing was lost or doubled and that the roll-ups equal a
 * recomputation (kpi:rebuild changes nothing).
 */
const OFFICER_PASSWORD = 'drill-officer@2026';
const MANAGER = { username: 'drill.giamdoc', password: 'drill-manager@2026' };
const ADMIN_URL =
  process.env.DRILL_ADMIN_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

async function main(): Promise<void> {
  const seconds = intEnv('DRILL_SECONDS', 600);
  const rate = intEnv('DRILL_RATE', 5);
  const log = (line: string) => console.error(`[drill:province] ${line}`);
  const database = `motcua_drill_province_${process.pid}`;
  const databaseUrl = ADMIN_URL.replace(/\/[^/]*$/, `/${database}`);
  const prefix = `drill-province-${Date.now().toString(36)}`;
  const secret = randomBytes(48).toString('base64url');
  const apis: Array<{ target: ApiTarget; process: ApiProcess; port: number }> = [];
  const workers: Array<{ process: WorkerProcess; port: number }> = [];
  let failed = true;
  const admin = new Client({ connectionString: ADMIN_URL });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${database}`);
    await runMigrations(databaseUrl);
    const db = new Client({ connectionString: databaseUrl });
    await db.connect();
    await seedCatalog(db);
    const departments = await db.query<{ id: string }>(`SELECT id FROM departments ORDER BY code`);
    const officerHash = await bcrypt.hash(OFFICER_PASSWORD, 10);
    for (const [i, d] of departments.rows.entries()) {
      await db.query(
        `INSERT INTO users (username, password_hash, full_name, role, department_id)
         VALUES ($1, $2, $3, 'officer', $4)`,
        [`drill.chuyenvien${i + 1}`, officerHash, `Chuyên viên thử ${i + 1}`, d.id],
      );
    }
    await db.query(
      `INSERT INTO users (username, password_hash, full_name, role) VALUES ($1, $2, 'Giám đốc (thử)', 'director')`,
      [MANAGER.username, await bcrypt.hash(MANAGER.password, 10)],
    );
    await db.end();

    const env = {
      DATABASE_URL: databaseUrl,
      DATABASE_POOL_SIZE: '10',
      REDIS_URL,
      QUEUE_PREFIX: prefix,
      LOG_LEVEL: 'warn',
      // Not 'production': that refuses a Redis without the append-only file, and this drill
      // uses the machine's Redis as it is (its keys under a prefix of their own).
      NODE_ENV: 'development',
      JWT_SECRET: secret,
      ACCESS_TOKEN_TTL_SECONDS: '900',
    };
    const launch = await prepareApiLaunch(log);
    const startApi = async (port: number) => {
      const api = ApiProcess.start(launch, port, env, { extraPreloads: [], ipc: false });
      await api.waitUntilReady();
      return api;
    };
    const startWorker = async (port: number) => {
      const worker = WorkerProcess.start(port, env);
      await worker.waitReady();
      return worker;
    };
    for (let i = 0; i < 2; i++) {
      const port = await freePort();
      const api = await startApi(port);
      apis.push({ process: api, port, target: { baseUrl: api.baseUrl, up: true } });
      const workerPort = await freePort();
      workers.push({ process: await startWorker(workerPort), port: workerPort });
    }
    log(`2 APIs (${launch.mode}) and 2 workers (${workers[0].process.mode}) ready`);

    const targets = apis.map((a) => a.target);
    const login = async (username: string, password: string) => {
      const res = await call(
        targets,
        { n: 0 },
        'POST',
        '/api/v1/auth/login',
        '',
        { writes: [], reads: [], retried: 0 },
        {
          body: { username, password },
        },
      );
      if (res.status !== 200) {
        throw new Error(`login ${username}: ${res.status} ${JSON.stringify(res.body)}`);
      }
      return res.body.accessToken as string;
    };
    const desk = await login(RECEPTION_USER.username, RECEPTION_USER.password);
    const manager = await login(MANAGER.username, MANAGER.password);
    const officers = new Map<string, string>(); // department id → token
    for (const [i, d] of departments.rows.entries()) {
      officers.set(d.id, await login(`drill.chuyenvien${i + 1}`, OFFICER_PASSWORD));
    }
    const procedureDepartment = new Map<string, string>();
    {
      const c = new Client({ connectionString: databaseUrl });
      await c.connect();
      const rows = await c.query<{ code: string; department_id: string }>(
        `SELECT code, department_id FROM procedures`,
      );
      rows.rows.forEach((r) => procedureDepartment.set(r.code, r.department_id));
      await c.end();
    }

    // The load.
    const latencies: Latencies = { writes: [], reads: [], retried: 0 };
    const known = new Map<string, Known>(); // by application id
    const intakeKeys = new Map<string, string>(); // Idempotency-Key → application id
    const errors: string[] = [];
    const next = { n: 0 };
    const bodies = intakeBodies();
    const started = Date.now();
    const endAt = started + seconds * 1000;
    const stop = () => Date.now() >= endAt;
    const today = new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);

    const transition = async (app: Known, action: string, to: string, token: string) => {
      for (let attempt = 0; attempt < 20; attempt++) {
        const res = await call(
          targets,
          next,
          'POST',
          `/api/v1/applications/${app.id}/${action}`,
          token,
          latencies,
          {
            body: { version: app.version },
          },
        );
        if (res.status === 200) {
          latencies.writes.push(res.ms);
          app.status = String(res.body.status);
          app.version = Number(res.body.version);
          return;
        }
        // A stale version: an earlier attempt may have been applied before its answer was lost.
        const now = await call(
          targets,
          next,
          'GET',
          `/api/v1/applications/${app.id}`,
          token,
          latencies,
        );
        if (now.status !== 200) {
          throw new Error(`GET ${app.id}: ${now.status}`);
        }
        app.version = Number(now.body.version);
        if (now.body.status === to) {
          app.status = to;
          return;
        }
        if (res.status !== 409) {
          throw new Error(`${action} ${app.id}: ${res.status} ${JSON.stringify(res.body)}`);
        }
      }
      throw new Error(`${action} ${app.id}: still refused after 20 attempts`);
    };
    const lifecycle = async (app: Known) => {
      const officer = officers.get(procedureDepartment.get(app.procedureCode)!)!;
      await sleep(500 + Math.random() * 2000);
      await transition(app, 'start', 'processing', officer);
      await sleep(500 + Math.random() * 2000);
      await transition(app, 'mark-result-ready', 'result_ready', officer);
      await sleep(500 + Math.random() * 2000);
      await transition(app, 'return-result', 'result_returned', desk);
    };
    const lifecycles: Array<Promise<void>> = [];
    const onError = (error: Error): void => {
      errors.push(error.message);
    };

    const deskLoad = steady(
      1000 / rate,
      stop,
      async (n) => {
        const body = bodies[n % bodies.length];
        const key = `drill-${randomUUID()}`;
        intakeKeys.set(key, '');
        const res = await call(targets, next, 'POST', '/api/v1/applications', desk, latencies, {
          body,
          headers: { 'idempotency-key': key },
        });
        if (res.status !== 201 && res.status !== 200) {
          throw new Error(`intake: ${res.status} ${JSON.stringify(res.body)}`);
        }
        latencies.writes.push(res.ms);
        const app: Known = {
          id: String(res.body.id),
          status: String(res.body.status),
          version: Number(res.body.version),
          procedureCode: body.procedureCode,
        };
        intakeKeys.set(key, app.id);
        known.set(app.id, app);
        if (Date.now() < endAt - 8000) {
          lifecycles.push(lifecycle(app).catch(onError));
        }
      },
      onError,
    );
    const reads = [
      `/api/v1/metrics/summary?from=${today}&to=${today}`,
      `/api/v1/metrics/on-time?from=${today}&to=${today}&groupBy=department`,
      `/api/v1/metrics/at-risk?limit=50`,
      `/api/v1/applications?limit=50`,
    ];
    const managerLoad = steady(
      500,
      stop,
      async (n) => {
        const res = await call(targets, next, 'GET', reads[n % reads.length], manager, latencies);
        if (res.status !== 200) {
          throw new Error(
            `GET ${reads[n % reads.length]}: ${res.status} ${JSON.stringify(res.body).slice(0, 200)}`,
          );
        }
        latencies.reads.push(res.ms);
      },
      onError,
    );

    // The kills, inside the window.
    const kills: string[] = [];
    const chaos = (async () => {
      await sleep(seconds * 350);
      const w = workers[0];
      process.kill(w.process.pid!, 'SIGKILL');
      let at = Date.now();
      w.process = await startWorker(w.port);
      kills.push(
        `worker SIGKILL at ${((at - started) / 1000).toFixed(0)} s, back in ${((Date.now() - at) / 1000).toFixed(1)} s`,
      );
      await sleep(Math.max(0, started + seconds * 600 - Date.now()));
      // No warning to the clients: requests in flight to it fail, and so do those sent to it
      // until it is back; each is retried on the other API.
      const a = apis[0];
      process.kill(a.process.pid!, 'SIGKILL');
      at = Date.now();
      a.process = await startApi(a.port);
      kills.push(
        `API SIGKILL at ${((at - started) / 1000).toFixed(0)} s, back in ${((Date.now() - at) / 1000).toFixed(1)} s`,
      );
    })();

    const loadBefore = loadavg()[0];
    log(`load for ${seconds} s: ${rate} intakes/s, lifecycles, 2 reads/s; kills at 35 % and 60 %`);
    await Promise.all([deskLoad, managerLoad, chaos]);
    await Promise.all(lifecycles);
    log(
      `load done: ${known.size} intakes, ${latencies.writes.length} writes, ${latencies.reads.length} reads, ${errors.length} errors`,
    );

    const check: ProvinceCheck = await checkProvince(databaseUrl, {
      known,
      intakeKeys,
      log,
      rebuild: () =>
        runTool(['-r', '@swc-node/register', 'apps/cli/src/kpi-rebuild.ts'], {
          ...process.env,
          DATABASE_URL: databaseUrl,
          NODE_ENV: 'development',
        }),
    });
    if (errors.length > 0) {
      check.problems.push(
        `${errors.length} client errors, first: ${errors.slice(0, 3).join(' | ')}`,
      );
    }
    failed = check.problems.length > 0;
    const ms = (v: number) => (Number.isNaN(v) ? '—' : v.toFixed(0));
    process.stdout.write(
      [
        `## drill:province — ${new Date().toISOString()}`,
        '',
        `${seconds} s, 2 APIs + 2 workers (${launch.mode}), ${rate} intakes/s with their lifecycles (start, result ready, returned) and 2 manager reads/s; load average ${loadBefore.toFixed(2)} before, ${loadavg()[0].toFixed(2)} after.`,
        `Kills: ${kills.join('; ')}.`,
        '',
        '| measure | value |',
        '|---|---:|',
        `| intakes acknowledged | ${known.size} |`,
        `| writes (intakes + transitions) | ${latencies.writes.length} |`,
        `| write latency p50 / p99 | ${ms(percentile(latencies.writes, 50))} / ${ms(percentile(latencies.writes, 99))} ms |`,
        `| reads (summary, on-time, at-risk, worklist) | ${latencies.reads.length} |`,
        `| read latency p50 / p99 | ${ms(percentile(latencies.reads, 50))} / ${ms(percentile(latencies.reads, 99))} ms |`,
        `| requests retried on another API (kill) | ${latencies.retried} |`,
        `| outbox: commit → relayed p50 / p99 | ${ms(check.relayLag.p50)} / ${ms(check.relayLag.p99)} ms |`,
        `| events: commit → KPI roll-up applied p50 / p99 | ${ms(check.kpiLag.p50)} / ${ms(check.kpiLag.p99)} ms |`,
        `| applications / history rows / outbox events | ${check.applications} / ${check.history} / ${check.outbox} |`,
        `| kpi:rebuild after the drill | ${check.rebuild} |`,
        '',
        check.problems.length === 0
          ? 'PASS: nothing lost, nothing doubled, roll-ups equal a recomputation.'
          : `FAIL: ${check.problems.join('; ')}`,
        '',
      ].join('\n'),
    );
  } catch (error) {
    console.error(error);
  } finally {
    for (const a of apis) {
      await a.process.stop().catch(() => undefined);
    }
    for (const w of workers) {
      await w.process.stop().catch(() => undefined);
    }
    await deleteKeys(REDIS_URL, [prefix]).catch(() => undefined);
    await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`).catch(() => undefined);
    await admin.end();
  }
  process.exit(failed ? 1 : 0);
}

/** Runs a node tool to completion; resolves with its standard output. */
function runTool(args: string[], env: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0
        ? resolve(out)
        : reject(new Error(`${args.join(' ')}: exit ${code}\n${err.slice(-2000)}`)),
    );
  });
}

void main();
