import type { ExplainedQuery } from './plans';

/** One scheduled job as bench:jobs ran it once (or why it did not). */
export interface JobRow {
  job: string;
  /** When the worker's schedule runs it. */
  schedule: string;
  /** What it touched, from what the job itself returned. */
  touched: string;
  /** Wall time of the one run; null when it was not run. */
  ms: number | null;
  /** Whether its work stayed within its batches and limits, and which. */
  bounded: string;
}

export interface JobsReportContext {
  date: Date;
  machine: string;
  dataSet: string;
  seeded: string[];
  loadAverage: { before: number; after: number };
  notes: string[];
}

/** Above this 1-minute load average on 2 cores, something else was competing for the CPU. */
const BUSY_LOAD_AVERAGE = 1.5;

export function formatMs(ms: number | null): string {
  if (ms === null) {
    return '—';
  }
  if (ms < 10) {
    return `${ms.toFixed(1)} ms`;
  }
  if (ms < 10_000) {
    return `${Math.round(ms).toLocaleString('en-US')} ms`;
  }
  return `${(ms / 1000).toFixed(1)} s`;
}

const cell = (text: string) => text.replace(/\|/g, '/').replace(/\n/g, ' ');

export function renderJobsReport(
  context: JobsReportContext,
  rows: readonly JobRow[],
  plans: readonly ExplainedQuery[],
  showPlans: boolean,
): string {
  const { before, after } = context.loadAverage;
  const lines = [
    `## Background jobs at 10 M — ${context.date.toISOString().slice(0, 16).replace('T', ' ')} UTC`,
    '',
    `Machine: ${context.machine}. Data set: ${context.dataSet}.`,
    `Load average (1 min) before / after: ${before.toFixed(2)} / ${after.toFixed(2)}` +
      (Math.max(before, after) > BUSY_LOAD_AVERAGE
        ? ' — **the machine was busy: wall times include waiting for the CPU**.'
        : '.'),
    '',
    'Seeded for the run (removed afterwards):',
    '',
    ...context.seeded.map((s) => `- ${s}`),
    '',
    '| job | schedule | touched | wall time | bounded? |',
    '|---|---|---|---:|---|',
    ...rows.map(
      (r) =>
        `| ${cell(r.job)} | ${cell(r.schedule)} | ${cell(r.touched)} | ${formatMs(r.ms)} | ${cell(r.bounded)} |`,
    ),
    '',
    '| job | query | plan |',
    '|---|---|---|',
    ...plans.map(
      (p) =>
        `| ${cell(p.job)} | ${cell(p.name)} | ${p.verdict.ok ? 'OK' : '**NO**'}: ${cell(p.verdict.text)} |`,
    ),
  ];
  if (context.notes.length > 0) {
    lines.push('', ...context.notes.map((n) => `- ${n}`));
  }
  if (showPlans) {
    for (const p of plans) {
      lines.push('', `### ${p.job}: ${p.name}`, '', '```', p.text, '```');
    }
  }
  return `${lines.join('\n')}\n`;
}
