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

const FIELDS = [
  'carriedOver', 'received', 'resolvedEarly', 'resolvedOnDay', 'resolvedLate', 'stoppedOnTime',
  'stoppedLate', 'withdrawnOnTime', 'withdrawnLate', 'awaitingSupplementOnTime',
  'awaitingSupplementLate', 'openOnTime', 'openLate',
] as const; // prettier-ignore
const ON_TIME_FIELDS = [
  'resolvedEarly', 'resolvedOnDay', 'stoppedOnTime', 'withdrawnOnTime',
  'awaitingSupplementOnTime', 'openOnTime',
] as const; // prettier-ignore

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
  const members = FIELDS.slice(2).reduce((n, f) => n + sum(f), 0);
  const expected: Array<[string, number | undefined, number]> = [
    ['K1 numerator', kpi('K1')?.numerator, ON_TIME_FIELDS.reduce((n, f) => n + sum(f), 0)],
    ['K1 denominator', kpi('K1')?.denominator, members],
    ['K1 population = carried over + received', members, sum('carriedOver') + sum('received')],
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

/** The answer was computed the way the case names (frozen, live, computed). */
export function checkBasis(body: string, expected: string | null): Check {
  if (expected === null) {
    return { ok: true, detail: '' };
  }
  const basis = (JSON.parse(body) as { basis?: string }).basis;
  return basis === expected
    ? { ok: true, detail: '' }
    : { ok: false, detail: `basis ${basis}, expected ${expected}` };
}

function verdict(differences: string[], what: string): Check {
  return differences.length === 0
    ? { ok: true, detail: `same ${what}` }
    : { ok: false, detail: differences.slice(0, 4).join('; ') };
}
