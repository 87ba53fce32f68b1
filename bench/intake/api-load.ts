import autocannon from 'autocannon';
import type { Client } from 'pg';
import { countApplications, countApplicationsWithIds } from './bench-database';
import { startCpuMeasurement } from './cpu-usage';
import { IntakeBody } from './dataset';
import { sleep } from './api-process';
import { RunResult } from './report';

const INTAKE_PATH = '/api/v1/applications';
const REQUEST_TIMEOUT_SECONDS = 10;
/** How long requests cut at the deadline get to finish server-side before rows are counted. */
const SETTLE_MS = 1000;
const ID_AT_START = /^\{"id":"([0-9a-f-]{36})"/;

export interface ApiLoadOptions {
  baseUrl: string;
  /** The API's process id, to read its CPU time. */
  apiPid: number | null;
  token: string;
  bodies: IntakeBody[];
  connections: number;
  warmupSeconds: number;
  durationSeconds: number;
  /** Called when the measured window starts and ends (the CPU profile hooks onto these). */
  onMeasuring?: (phase: 'start' | 'end') => Promise<void>;
}

/**
 * POST /api/v1/applications at a fixed concurrency: a warm-up run, then the measured run.
 * Afterwards checks the database: every 2xx answer's application exists, and the only other new
 * rows are those of requests still in flight when the clock stopped (autocannon drops them).
 */
export async function runApiLoad(options: ApiLoadOptions, db: Client): Promise<RunResult> {
  await load(options, options.warmupSeconds, () => undefined);
  await sleep(SETTLE_MS);
  const rowsBefore = await countApplications(db);

  const acceptedIds: string[] = [];
  let unparsedAnswers = 0;
  await options.onMeasuring?.('start');
  const stopCpuMeasurement = await startCpuMeasurement(db, options.apiPid);
  const result = await load(options, options.durationSeconds, (status, body) => {
    if (status >= 200 && status < 300) {
      const id = ID_AT_START.exec(body)?.[1];
      if (id) {
        acceptedIds.push(id);
      } else {
        unparsedAnswers += 1;
      }
    }
  });
  const cpu = await stopCpuMeasurement(result['2xx']);
  await options.onMeasuring?.('end');
  await sleep(SETTLE_MS);

  const newRows = (await countApplications(db)) - rowsBefore;
  const matchedRows = await countApplicationsWithIds(db, acceptedIds);
  const answered = result['2xx'] + result.non2xx;
  const cutInFlight = Math.max(0, result.requests.sent - answered);
  const extraRows = newRows - matchedRows;
  const rowsMatch =
    unparsedAnswers === 0 &&
    matchedRows === result['2xx'] &&
    extraRows >= 0 &&
    extraRows <= cutInFlight;
  return {
    name: 'API: POST /api/v1/applications (NestJS + Fastify + TypeORM)',
    count: result['2xx'],
    seconds: result.duration,
    perSecond: result['2xx'] / result.duration,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    failures: result.non2xx + result.errors,
    failureDetail: describeFailures(result),
    rowsCheck: rowsMatch
      ? `OK: ${newRows} rows = ${result['2xx']} 2xx + ${extraRows} cut in flight`
      : `MISMATCH: ${newRows} new rows, ${matchedRows} of ${result['2xx']} 2xx ids found` +
        `, ${cutInFlight} cut in flight, ${unparsedAnswers} 2xx without id`,
    rowsOk: rowsMatch,
    cpu,
  };
}

function load(
  options: ApiLoadOptions,
  seconds: number,
  onResponse: (status: number, body: string) => void,
): Promise<autocannon.AutocannonResult> {
  const headers = {
    authorization: `Bearer ${options.token}`,
    'content-type': 'application/json',
  };
  return Promise.resolve(
    autocannon({
      url: options.baseUrl,
      connections: options.connections,
      duration: seconds,
      timeout: REQUEST_TIMEOUT_SECONDS,
      requests: options.bodies.map((body) => ({
        method: 'POST',
        path: INTAKE_PATH,
        headers,
        body: JSON.stringify(body),
        onResponse,
      })),
    }),
  );
}

function describeFailures(result: autocannon.AutocannonResult): string {
  const codes = Object.entries(result.statusCodeStats)
    .filter(([code]) => !code.startsWith('2'))
    .map(([code, { count }]) => `${count}×${code}`);
  if (result.errors > 0) {
    codes.push(`${result.errors} errors (${result.timeouts} timeouts)`);
  }
  return codes.join(', ');
}
