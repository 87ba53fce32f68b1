import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { CpuSplit } from './cpu-usage';

export interface RunResult {
  name: string;
  /** Successful intakes in the measured window (2xx answers, committed transactions). */
  count: number;
  seconds: number;
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
  /** Non-2xx answers and transport errors (API), failed transactions (ceiling). */
  failures: number;
  failureDetail: string;
  rowsCheck: string;
  rowsOk: boolean;
  cpu: CpuSplit;
}

export interface ReportContext {
  date: Date;
  machine: string;
  apiLaunch: string;
  tokenHow: string;
  durationSeconds: number;
  warmupSeconds: number;
  connections: number;
  poolSize: number;
  departments: number;
  procedures: number;
  /** 1-minute load average before the set-up and after the last row: others' work shows here. */
  loadAverage: { before: number; after: number };
}

/** Above this 1-minute load average on 2 cores, something else was competing for the CPU. */
const BUSY_LOAD_AVERAGE = 1.5;

/** The targets the API is judged by, against the ceiling measured in the same run. */
export const TARGETS = {
  minShareOfCeiling: 0.6,
  maxP99Ms: 50,
  maxApiCpuMs: 0.5,
  maxPostgresCpuMs: 0.6,
};

export function renderReport(
  context: ReportContext,
  api: RunResult,
  ceiling: RunResult,
  grouped: RunResult,
): string {
  const share = api.perSecond / ceiling.perSecond;
  const lines = [
    `## Intake benchmark — ${context.date.toISOString().slice(0, 16).replace('T', ' ')} UTC`,
    '',
    `Machine: ${context.machine}. Load: ${context.connections} concurrent, ` +
      `${context.warmupSeconds} s warm-up + ${context.durationSeconds} s measured per row; ` +
      `pool ${context.poolSize} connections (API and ceiling); ${context.departments} agencies, ` +
      `${context.procedures} procedures.`,
    `API started as: ${context.apiLaunch}; token: ${context.tokenHow}.`,
    `Load average (1 min) before / after: ${context.loadAverage.before.toFixed(2)} / ` +
      `${context.loadAverage.after.toFixed(2)}` +
      (Math.max(context.loadAverage.before, context.loadAverage.after) > BUSY_LOAD_AVERAGE
        ? ' — **the machine was busy with other work: these numbers are not comparable**.'
        : '.'),
    '',
    '| run | throughput | p50 | p99 | done | failures | rows check |',
    '|---|---:|---:|---:|---:|---:|---|',
    row(api, 'req/s'),
    row(ceiling, 'tx/s'),
    row(grouped, 'tx/s'),
    '',
    'CPU time per intake (ms), by process — the two cores are shared by all three:',
    '',
    '| run | API / pg loop | PostgreSQL | load generator |',
    '|---|---:|---:|---:|',
    ...[api, ceiling, grouped].map(cpuRow),
    '',
    `API / ceiling: **${percent(share)}** (against the grouped reference: ` +
      `${percent(api.perSecond / grouped.perSecond)}).`,
    '',
    '| target | measured | result |',
    '|---|---:|---|',
    `| API throughput ≥ ${percent(TARGETS.minShareOfCeiling)} of the ceiling | ${percent(share)} | ` +
      `${verdict(share >= TARGETS.minShareOfCeiling)} |`,
    `| API p99 ≤ ${TARGETS.maxP99Ms} ms | ${ms(api.p99Ms)} | ${verdict(api.p99Ms <= TARGETS.maxP99Ms)} |`,
    cpuTarget('API process', api.cpu.clientMs, TARGETS.maxApiCpuMs),
    cpuTarget('PostgreSQL', api.cpu.postgresMs, TARGETS.maxPostgresCpuMs),
    `| API non-2xx = 0 | ${api.failures} | ${verdict(api.failures === 0)} |`,
    `| API rows inserted = 2xx answers | ${api.rowsOk ? 'equal' : 'differ'} | ${verdict(api.rowsOk)} |`,
  ];
  return `${lines.join('\n')}\n`;
}

export function writeReport(path: string, markdown: string): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, markdown);
}

function row(result: RunResult, unit: string): string {
  const failures = result.failureDetail
    ? `${result.failures} (${result.failureDetail.replace(/\|/g, '/')})`
    : String(result.failures);
  return (
    `| ${result.name} | ${Math.round(result.perSecond).toLocaleString('en-US')} ${unit} | ` +
    `${ms(result.p50Ms)} | ${ms(result.p99Ms)} | ${result.count.toLocaleString('en-US')} | ` +
    `${failures} | ${result.rowsCheck} |`
  );
}

function cpuRow(result: RunResult): string {
  const cell = (value: number | null) => (value === null ? '—' : value.toFixed(2));
  const { clientMs, postgresMs, loadGeneratorMs } = result.cpu;
  return `| ${result.name} | ${cell(clientMs)} | ${cell(postgresMs)} | ${cell(loadGeneratorMs)} |`;
}

function cpuTarget(what: string, measured: number | null, max: number): string {
  const shown = measured === null ? 'not measured' : `${measured.toFixed(2)} ms`;
  return `| API row, CPU per intake, ${what} ≤ ${max} ms | ${shown} | ${verdict(measured !== null && measured <= max)} |`;
}

function ms(value: number): string {
  return `${value < 10 ? value.toFixed(1) : value.toFixed(0)} ms`;
}

function percent(fraction: number): string {
  return `${(fraction * 100).toFixed(0)} %`;
}

function verdict(ok: boolean): string {
  return ok ? 'PASS' : 'MISS';
}
