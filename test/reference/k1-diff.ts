import { ApiFigures, comparableFields, DrillItem, OnTimeAnswer } from './k1-api';
import {
  boundsOf,
  bucketsOf,
  emptyFigures,
  Figures,
  figuresFor,
  GroupBy,
  groupedFigures,
  judge,
  Judgement,
  K1Settings,
  Period,
  receivedByChannel,
  RecordedApplication,
} from './k1-reference';
import { StandardPeriod } from './standard-periods';

/**
 * Compares the API's K1 answers with the reference and, when they part, says so with the
 * smallest counterexample: the applications whose membership, category or verdict differ,
 * with the timeline the driver recorded, rather than a wall of numbers.
 */

export interface FieldDiff {
  field: string;
  expected: unknown;
  actual: unknown;
}

interface CellDiff {
  stage: string;
  period: StandardPeriod;
  what: string;
  /** The cell's own period (a month bucket of a quarter, say) and its applications. */
  cellPeriod: Period;
  key: string;
  diffs: FieldDiff[];
  candidates: RecordedApplication[];
  now: number;
}

interface MemberDiff {
  stage: string;
  period: StandardPeriod;
  app: RecordedApplication;
  expected: Judgement | null;
  actual: DrillItem | null;
  now: number;
}

export interface DiffContext {
  apps: readonly RecordedApplication[];
  settings: K1Settings;
  /** Department names for people (rows are keyed by id). */
  departmentName: (id: string) => string;
  header: string;
}

const expectedVerdict = (j: Judgement) => j.verdict;
const describeJudgement = (j: Judgement | null) =>
  j
    ? `${j.category} / ${expectedVerdict(j)}${j.carriedOver ? ', carried over' : ''}`
    : 'not a member';
const describeItem = (i: DrillItem | null) =>
  i ? `${i.category} / ${i.verdict}${i.carriedOver ? ', carried over' : ''}` : 'not listed';

export function localTime(at: number): string {
  return new Date(at + 7 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
}

export class K1Diff {
  private readonly cells: CellDiff[] = [];
  private readonly members: MemberDiff[] = [];
  private readonly notes: string[] = [];
  private cellsCompared = 0;
  private periodsCompared = new Set<string>();

  constructor(private readonly ctx: DiffContext) {}

  get failed(): boolean {
    return this.cells.length > 0 || this.members.length > 0 || this.notes.length > 0;
  }

  /** A difference that is not about figures (a basis, a status code). */
  note(line: string): void {
    this.notes.push(line);
  }

  /** One grouped answer of GET /metrics/on-time against the reference, row by row. */
  onTime(
    stage: string,
    period: StandardPeriod,
    groupBy: GroupBy,
    answer: OnTimeAnswer,
    now: number,
    departmentId?: string,
  ): void {
    const apps = departmentId
      ? this.ctx.apps.filter((a) => a.departmentId === departmentId)
      : this.ctx.apps;
    const expected = groupedFigures(apps, period, groupBy, now, this.ctx.settings);
    const what = `by ${groupBy}${departmentId ? ` for ${this.ctx.departmentName(departmentId)}` : ''}`;
    this.periodsCompared.add(period.label);
    const keys = new Set([...expected.rows.keys(), ...answer.rows.keys()]);
    for (const key of keys) {
      const cellPeriod =
        groupBy === 'month' || groupBy === 'quarter'
          ? (bucketsOf(period, groupBy).find((b) => b.key === key) ?? period)
          : period;
      const inKey = (a: RecordedApplication) =>
        groupBy === 'department'
          ? a.departmentId === key
          : groupBy === 'procedure'
            ? a.procedureCode === key
            : groupBy === 'channel'
              ? a.channel === key
              : true;
      const cell = { stage, period, what, cellPeriod, key, candidates: apps.filter(inKey), now };
      this.cell(cell, expected.rows.get(key), answer.rows.get(key));
    }
    const total = {
      stage,
      period,
      what,
      cellPeriod: period,
      key: 'total',
      candidates: [...apps],
      now,
    };
    this.cell(total, expected.total, answer.total);
  }

  /** GET /metrics/summary's K1 against the reference total of the period. */
  summary(stage: string, period: StandardPeriod, k1: Record<string, unknown>, now: number): void {
    const f = figuresFor(this.ctx.apps, period, now, this.ctx.settings);
    const diffs: FieldDiff[] = [];
    const r = receivedByChannel(this.ctx.apps, period, now);
    const k4 = (k1.k4 ?? {}) as Record<string, unknown>;
    const k7 = (k1.k7 ?? {}) as Record<string, unknown>;
    const pairs: Array<[string, unknown, unknown]> = [
      ['value (rate)', f.rate, k1.value],
      ['numerator (onTimeCount)', f.onTimeCount, k1.numerator],
      ['denominator (population)', f.population, k1.denominator],
      ['K4 numerator (received online)', r.online, k4.numerator],
      ['K4 denominator (received)', r.received, k4.denominator],
      ['K7 numerator (received by post)', r.postal, k7.numerator],
      ['K7 denominator (received)', r.received, k7.denominator],
    ];
    for (const [field, expected, actual] of pairs) {
      if (!same(expected, actual)) {
        diffs.push({ field, expected, actual });
      }
    }
    this.cellsCompared += 1;
    this.periodsCompared.add(period.label);
    if (diffs.length > 0) {
      this.cells.push({
        stage,
        period,
        what: 'summary K1, K4, K7',
        cellPeriod: period,
        key: 'K1',
        diffs,
        candidates: [...this.ctx.apps],
        now,
      });
    }
  }

  /** The drill-down list against the reference population, application by application. */
  population(
    stage: string,
    period: StandardPeriod,
    items: readonly DrillItem[],
    now: number,
  ): void {
    const { S, T } = boundsOf(period, now);
    const listed = new Map(items.map((i) => [i.code, i]));
    for (const app of this.ctx.apps) {
      const expected = judge(app, S, T, this.ctx.settings);
      const actual = listed.get(app.code) ?? null;
      listed.delete(app.code);
      const agree =
        expected === null
          ? actual === null
          : actual !== null &&
            actual.category === expected.category &&
            actual.verdict === expectedVerdict(expected) &&
            actual.carriedOver === expected.carriedOver;
      if (!agree) {
        this.members.push({ stage, period, app, expected, actual, now });
      }
    }
    for (const stray of listed.values()) {
      this.notes.push(
        `${stage}, ${period.label}: the drill-down lists ${stray.code}, an application the driver never made`,
      );
    }
  }

  private cell(
    where: Omit<CellDiff, 'diffs'>,
    expected: Figures | undefined,
    actual: ApiFigures | undefined,
  ): void {
    this.cellsCompared += 1;
    const want = expected ?? emptyFigures();
    const diffs: FieldDiff[] = [];
    if (!actual) {
      if (want.population > 0) {
        diffs.push({ field: 'row', expected: `population ${want.population}`, actual: 'absent' });
      }
    } else {
      for (const field of comparableFields(actual.shape)) {
        const a = actual.figures[field];
        // A row of zeros with no rate is the same as an absent row.
        if (!same(want[field], a)) {
          diffs.push({
            field: actual.shape === 'legacy' ? legacyName(field) : field,
            expected: want[field],
            actual: a,
          });
        }
      }
    }
    if (diffs.length > 0) {
      this.cells.push({ ...where, diffs });
    }
  }

  /** The failure message: counts, then the smallest counterexamples. */
  report(): string {
    const lines = [this.ctx.header];
    const cellPeriods = new Set(this.cells.map((c) => c.period.label));
    if (this.cellsCompared > 0) {
      lines.push(
        `  figures: ${this.cells.length} of ${this.cellsCompared} answers/rows differ, in ${cellPeriods.size} of ${this.periodsCompared.size} periods` +
          (this.cells.length
            ? ` (${tally(this.cells.map((c) => `${c.stage} ${c.what.split(' for ')[0]}`))})`
            : ''),
      );
    }
    if (this.members.length > 0) {
      lines.push(
        `  drill-down: ${this.members.length} membership/category/verdict differences (${tally(this.members.map((m) => signature(m)))})`,
      );
    }
    for (const n of this.notes.slice(0, 8)) {
      lines.push(`  ${n}`);
    }
    if (this.notes.length > 8) {
      lines.push(`  … and ${this.notes.length - 8} more such notes`);
    }
    lines.push(...this.memberExamples(), ...this.cellExample());
    return lines.join('\n');
  }

  /** One smallest application per kind of difference (up to 4 kinds). */
  private memberExamples(): string[] {
    if (this.members.length === 0) {
      return [];
    }
    const lines = [
      '',
      'Smallest counterexamples from the drill-down (one per kind of difference):',
    ];
    const byKind = new Map<string, MemberDiff>();
    for (const m of this.members) {
      const kind = signature(m);
      const best = byKind.get(kind);
      if (!best || size(m) < size(best)) {
        byKind.set(kind, m);
      }
    }
    for (const m of [...byKind.values()].sort((a, b) => size(a) - size(b)).slice(0, 4)) {
      lines.push(
        `- ${m.stage}, ${m.period.label}: ${m.app.code}`,
        `    expected ${describeJudgement(m.expected)}; API ${describeItem(m.actual)}${m.expected ? `; K1 end ${localTime(m.expected.end)}, adjusted ${localTime(m.expected.endAdjusted)}` : ''}`,
        ...this.timeline(m.app, boundsOf(m.period, m.now).T).map((l) => `    ${l}`),
      );
    }
    return lines;
  }

  /** The differing row with the fewest applications, and those applications. */
  private cellExample(): string[] {
    if (this.cells.length === 0) {
      return [];
    }
    const withMembers = this.cells.map((c) => {
      const { S, T } = boundsOf(c.cellPeriod, c.now);
      const members = c.candidates
        .map((app) => ({ app, j: judge(app, S, T, this.ctx.settings) }))
        .filter((m) => m.j !== null);
      // When the API counts more than the reference, the suspects are the non-members.
      const outsiders = c.candidates.filter(
        (a) =>
          a.receivedAt !== null && a.receivedAt < T && judge(a, S, T, this.ctx.settings) === null,
      );
      return { c, members, outsiders, T };
    });
    withMembers.sort(
      (a, b) =>
        (a.members.length || 1e9) - (b.members.length || 1e9) ||
        a.outsiders.length - b.outsiders.length,
    );
    const { c, members, outsiders, T } = withMembers[0];
    const keyName =
      c.what.startsWith('by department') && c.key !== 'total'
        ? this.ctx.departmentName(c.key)
        : c.key;
    const lines = [
      '',
      `Smallest differing row: ${c.stage}, ${c.period.label} ${c.what}, row ${keyName}` +
        (c.cellPeriod !== c.period ? ` (${c.cellPeriod.from}..${c.cellPeriod.to})` : ''),
      `    ${c.diffs.map((d) => `${d.field}: expected ${fmt(d.expected)}, API ${fmt(d.actual)}`).join('; ')}`,
      `    the reference's ${members.length} member(s)${members.length > 5 ? ' (5 smallest)' : ''}:`,
    ];
    for (const m of members.sort((a, b) => a.app.events.length - b.app.events.length).slice(0, 5)) {
      lines.push(
        `    * ${m.app.code}: ${describeJudgement(m.j)}`,
        ...this.timeline(m.app, T).map((l) => `        ${l}`),
      );
    }
    const populationDiff = c.diffs.find((d) => d.field.startsWith('population'));
    if (
      populationDiff &&
      Number(populationDiff.actual) > Number(populationDiff.expected) &&
      outsiders.length > 0
    ) {
      lines.push(
        `    received before its end but not members (what the API may count; ${Math.min(3, outsiders.length)} of ${outsiders.length}):`,
      );
      for (const a of outsiders.sort((x, y) => x.events.length - y.events.length).slice(0, 3)) {
        lines.push(`    * ${a.code}`, ...this.timeline(a, T).map((l) => `        ${l}`));
      }
    }
    return lines;
  }

  /** The recorded timeline, one line, events after T marked as not yet known. */
  timeline(app: RecordedApplication, T: number): string[] {
    const head =
      `${this.ctx.departmentName(app.departmentId)}, ${app.procedureCode}, ${app.channel}; ` +
      `received ${app.receivedAt === null ? 'never' : localTime(app.receivedAt)}, appointment ${app.appointment === null ? '-' : localTime(app.appointment)}`;
    const events = app.events
      .filter((e) => e.action !== 'receive' && e.action !== 'submit')
      .map(
        (e) =>
          `${e.at >= T ? '(later) ' : ''}${localTime(e.at)} ${e.action}${e.stopReason ? ` (${e.stopReason})` : ''}${e.note ? ` [${e.note}]` : ''}`,
      );
    return [head, events.length ? events.join('; ') : 'no event after reception'];
  }
}

function same(expected: unknown, actual: unknown): boolean {
  if (typeof expected === 'number' && typeof actual === 'string') {
    return expected === Number(actual);
  }
  return expected === actual || (expected === null && actual === undefined);
}

const legacyName = (field: keyof Figures) =>
  field === 'population'
    ? 'population (old total)'
    : field === 'onTimeCount'
      ? 'onTimeCount (old early+onTime+open-openOverdue)'
      : field;

function signature(m: MemberDiff): string {
  return `${describeJudgement(m.expected)} → ${describeItem(m.actual)}`;
}

/** Fewer events first, then the shorter period. */
function size(m: MemberDiff): number {
  const { S, T } = boundsOf(m.period, m.now);
  return m.app.events.length * 1e13 + (T - S);
}

function tally(items: string[]): string {
  const counts = new Map<string, number>();
  for (const i of items) {
    counts.set(i, (counts.get(i) ?? 0) + 1);
  }
  const sorted = [...counts.entries()].sort((a, b) => b[1] - a[1]);
  const shown = sorted.slice(0, 6).map(([k, n]) => `${k}: ${n}`);
  return shown.join(', ') + (sorted.length > 6 ? `, … ${sorted.length - 6} more kinds` : '');
}

const fmt = (v: unknown) => (v === undefined ? 'missing' : JSON.stringify(v));
