import { spawn } from 'node:child_process';
import { Role } from '@app/domain';
import { OutboxRelayService } from '@app/messaging';
import { findExecutable } from '../setup/run-tool';
import { startTestApp, TestApp } from '../setup/test-app';
import { startTestWorker, TestWorker } from '../setup/test-worker';

// Both apps' GET /metrics: what operators scrape, and `promtool check metrics` on it when
// promtool is installed (.ci/run installs it from Debian's prometheus package).

const PROMTOOL = findExecutable('promtool');
const withPromtool = PROMTOOL ? it : it.skip;
if (!PROMTOOL) {
  console.warn(
    'promtool is not installed: `promtool check metrics` is SKIPPED (see .ci/run for how CI installs it)',
  );
}

/** promtool's complaints about an exposition (empty when it is clean). */
function promtoolProblems(exposition: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(PROMTOOL ?? 'promtool', ['check', 'metrics'], { stdio: 'pipe' });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve(code === 0 ? '' : output || `exit ${code}`));
    child.stdin.end(exposition);
  });
}

/** The value of one sample line, e.g. `name{a="b"}`; undefined when absent. */
function sample(exposition: string, series: string): number | undefined {
  const line = exposition.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe("the API's /metrics", () => {
  let t: TestApp;
  let exposition: string;
  beforeAll(async () => {
    t = await startTestApp();
    await t.http.get('/api/v1/health/live').expect(200);
    await t.http.get('/api/v1/health/live').expect(200);
    const token = await t.tokenFor(Role.Director);
    await t.http
      .get('/api/v1/applications/000.00.12.H00-260101-0001')
      .set('authorization', `Bearer ${token}`)
      .expect(404);
    exposition = (await t.http.get('/metrics').expect(200)).text;
  });
  afterAll(() => t.close());

  it('counts requests by method, route pattern and status', () => {
    const live = 'method="GET",route="/api/v1/health/live",status="200"';
    expect(sample(exposition, `motcua_http_requests_total{${live}}`)).toBe(2);
    const one = 'method="GET",route="/api/v1/applications/:idOrCode",status="404"';
    expect(sample(exposition, `motcua_http_requests_total{${one}}`)).toBe(1);
    // The route pattern, never the raw URL (one series per application would never end).
    expect(exposition).not.toContain('260101-0001');
  });

  it('has a latency histogram by the same labels', () => {
    const live = 'method="GET",route="/api/v1/health/live",status="200"';
    expect(sample(exposition, `motcua_http_request_duration_seconds_count{${live}}`)).toBe(2);
    expect(
      sample(exposition, `motcua_http_request_duration_seconds_bucket{le="+Inf",${live}}`),
    ).toBe(2);
  });

  withPromtool('passes promtool check metrics', async () => {
    expect(await promtoolProblems(exposition)).toBe('');
  });
});

describe("the worker's /metrics", () => {
  let w: TestWorker;
  let exposition: string;
  beforeAll(async () => {
    w = await startTestWorker();
    await w.app.get(OutboxRelayService).publishBatch();
    exposition = (await w.http.get('/metrics').expect(200)).text;
  });
  afterAll(() => w.close());

  it('has the queue, relay and consumer metrics', () => {
    for (const name of [
      'motcua_queue_depth',
      'motcua_outbox_lag_seconds',
      'motcua_outbox_events_relayed_total',
      'motcua_outbox_relay_batch_duration_seconds',
      'motcua_job_duration_seconds',
      'motcua_event_batch_size',
      'motcua_escalations_raised_total',
    ]) {
      expect(exposition).toContain(`# TYPE ${name} `);
    }
    expect(sample(exposition, 'motcua_queue_depth{queue="kpi-rollups",state="waiting"}')).toBe(0);
    expect(sample(exposition, 'motcua_outbox_relay_batch_duration_seconds_count')).toBe(1);
  });

  withPromtool('passes promtool check metrics', async () => {
    expect(await promtoolProblems(exposition)).toBe('');
  });
});
