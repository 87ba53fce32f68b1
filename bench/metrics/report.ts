import type { Latencies } from './measure';

/** Targets of the issue: p99 under 50 ms, and at least 100 times faster than the naive query. */
export const TARGETS = { maxP99Ms: 50, minSpeedUp: 100 };
/**
 * Above this 1-minute load average before the run, something else was competing for the CPU
 * (the load after it includes the run's own API, PostgreSQL and naive queries).
 */
const BUSY_LOAD_AVERAGE = 1;

export interface EndpointResult {
  name: string;
  /** Judged against the targets; the others are reported for information. */
  judged: boolean;
  sequential: Latencies;
  concurrent: Latencies | null;
  naiveName: string;
  naive: Latencies;
  /** "same figures" or what differed between the endpoint's answer and the naive query's. */
  check: string;
  checkOk: boolean;
}

export interface MetricsReportContext {
  date: Date;
  machine: string;
  dataSet: string;
  apiLaunch: string;
  tokenHow: string;
  requests: number;
  concurrency: number;
  naiveRepetitions: number;
  loadAverage: { before: number; after: number };
  /** How long closing each period took (POST /metrics/periods/close: the exact figures, frozen). */
  closing: string[];
}

export function renderMetricsReport(context: MetricsReportContext, results: EndpointResult[]) {
  const busy = context.loadAverage.before > BUSY_LOAD_AVERAGE;
  const lines = [
    `### metrics — ${context.date.toISOString().slice(0, 16).replace('T', ' ')} UTC`,
    '',
    `Machine: ${context.machine}. Data set: ${context.dataSet}.`,
    `API: ${context.apiLaunch}; token: ${context.tokenHow}. ${context.requests} sequential ` +
      `requests per endpoint after a warm-up; naive queries: ${context.naiveRepetitions} runs each ` +
      `after one untimed run, on one pg connection from the bench process.`,
    `Closing the periods (between the two stages of cases): ${context.closing.join('; ')}.`,
    `Load average (1 min) before / after: ${context.loadAverage.before.toFixed(2)} / ` +
      `${context.loadAverage.after.toFixed(2)}` +
      (busy ? ' — **the machine was busy with other work when the run started**.' : '.'),
    '',
    '| endpoint | p50 | p99 | mean | naive p50 | speed-up × | target met? |',
    '| --- | ---: | ---: | ---: | ---: | ---: | --- |',
    ...results.map((r) => {
      const speedUp = r.naive.p50 / r.sequential.p50;
      const misses = [
        r.sequential.p99 < TARGETS.maxP99Ms ? null : `p99 ≥ ${TARGETS.maxP99Ms} ms`,
        speedUp >= TARGETS.minSpeedUp ? null : `< ${TARGETS.minSpeedUp}×`,
      ].filter((m) => m !== null);
      const verdict = misses.length === 0 ? 'PASS' : `MISS (${misses.join(', ')})`;
      return (
        `| ${r.name} | ${ms(r.sequential.p50)} | ${ms(r.sequential.p99)} | ${ms(r.sequential.mean)} | ` +
        `${ms(r.naive.p50)} | ${times(speedUp)} | ${r.judged ? verdict : `(not judged) ${verdict}`} |`
      );
    }),
    '',
  ];
  if (results.some((r) => r.concurrent)) {
    lines.push(
      `With ${context.concurrency} requests in flight (${context.requests} per endpoint):`,
      '',
      '| endpoint | p50 | p99 | mean | req/s |',
      '| --- | ---: | ---: | ---: | ---: |',
      ...results
        .filter((r) => r.concurrent)
        .map(
          (r) =>
            `| ${r.name} | ${ms(r.concurrent!.p50)} | ${ms(r.concurrent!.p99)} | ` +
            `${ms(r.concurrent!.mean)} | ${Math.round(r.concurrent!.perSecond)} |`,
        ),
      '',
    );
  }
  lines.push(
    '| endpoint | naive counterpart | naive runs (ms) | same answer? |',
    '| --- | --- | --- | --- |',
    ...results.map(
      (r) =>
        `| ${r.name} | ${r.naiveName} | ${ms(r.naive.p50)} p50, ${ms(r.naive.max)} max | ` +
        `${r.checkOk ? 'yes' : `**NO**: ${r.check}`} |`,
    ),
    '',
  );
  return `${lines.join('\n')}\n`;
}

function ms(value: number): string {
  if (Number.isNaN(value)) {
    return '—';
  }
  return value < 10 ? `${value.toFixed(1)} ms` : `${Math.round(value).toLocaleString('en-US')} ms`;
}

function times(value: number): string {
  return `${value < 10 ? value.toFixed(1) : Math.round(value).toLocaleString('en-US')}×`;
}
