import type { NaiveK1Row } from './naive';

/**
 * Each endpoint's answer against its naive counterpart: a fast answer only counts if it is
 * the same answer. On-time: every department's counts; summary: K1's numerator and
 * denominator, K2's completed applications and their working days, K6's counts; at-risk: the
 * same ids in the same order.
 */
export interface NaiveSummary {
  k1: NaiveK1Row[];
  k2: Array<{ receivedDay: string; resultDay: string; count: number }>;
  k6: { completed: number; signed: number };
}

export interface Check {
  ok: boolean;
  detail: string;
}

const FIELDS = ['early', 'onTime', 'late', 'open', 'openOverdue'] as const;

export function checkOnTime(body: string, naive: NaiveK1Row[]): Check {
  const api = JSON.parse(body) as { rows: Array<NaiveK1Row & { label: string }> };
  const differences: string[] = [];
  const keys = new Set([...api.rows.map((r) => r.key), ...naive.map((r) => r.key)]);
  for (const key of keys) {
    const a = api.rows.find((r) => r.key === key);
    const b = naive.find((r) => r.key === key);
    for (const field of FIELDS) {
      if ((a?.[field] ?? 0) !== (b?.[field] ?? 0)) {
        differences.push(`${a?.label ?? key} ${field} ${a?.[field] ?? 0} vs ${b?.[field] ?? 0}`);
      }
    }
  }
  return verdict(differences, `${api.rows.length} departments`);
}

export function checkSummary(
  body: string,
  naive: NaiveSummary,
  workingDaysBetween: (a: string, b: string) => number,
): Check {
  const api = JSON.parse(body) as {
    kpis: Array<{ code: string; numerator?: number; denominator?: number }>;
  };
  const kpi = (code: string) => api.kpis.find((k) => k.code === code);
  const sum = (field: (typeof FIELDS)[number]) => naive.k1.reduce((s, r) => s + r[field], 0);
  const expected: Array<[string, number | undefined, number]> = [
    [
      'K1 numerator',
      kpi('K1')?.numerator,
      sum('early') + sum('onTime') + sum('open') - sum('openOverdue'),
    ],
    ['K1 denominator', kpi('K1')?.denominator, sum('early') + sum('onTime') + sum('late') + sum('open')],
    ['K2 completed', kpi('K2')?.denominator, naive.k2.reduce((s, b) => s + b.count, 0)],
    [
      'K2 working days',
      kpi('K2')?.numerator,
      naive.k2.reduce((s, b) => s + b.count * workingDaysBetween(b.receivedDay, b.resultDay), 0),
    ],
    ['K6 signed', kpi('K6')?.numerator, naive.k6.signed],
    ['K6 completed', kpi('K6')?.denominator, naive.k6.completed],
  ]; // prettier-ignore
  const differences = expected
    .filter(([, got, want]) => got !== want)
    .map(([what, got, want]) => `${what} ${got} vs ${want}`);
  return verdict(differences, 'K1, K2, K6 counts');
}

export function checkAtRisk(body: string, naive: Array<{ id: string }>): Check {
  const api = JSON.parse(body) as { rows: Array<{ id: string }> };
  const same =
    api.rows.length === naive.length && api.rows.every((row, i) => row.id === naive[i].id);
  return verdict(
    same ? [] : [`${api.rows.length} vs ${naive.length} rows, or another order`],
    `${api.rows.length} rows`,
  );
}

function verdict(differences: string[], what: string): Check {
  return differences.length === 0
    ? { ok: true, detail: `same ${what}` }
    : { ok: false, detail: differences.slice(0, 4).join('; ') };
}
