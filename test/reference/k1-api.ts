import { Role } from '@app/domain';
import type { TestApp } from '../setup/test-app';
import { Category, FIGURE_FIELDS, Figures, GroupBy, Period, Verdict } from './k1-reference';

/**
 * The API's K1 answers, read in either shape: the contract of issue 8 (`population`,
 * `onTimeCount`, every category) or the shape main answered before it (`total`, `early`,
 * `onTime`, `late`, `open`, `openOverdue`). Only the contract can be compared field by field;
 * for the old one, population, on-time count and rate are what can be compared.
 */
export type ApiShape = 'contract' | 'legacy';

export interface ApiFigures {
  shape: ApiShape;
  /** The fields this answer has, as the reference names them. */
  figures: Partial<Figures>;
}

export interface OnTimeAnswer {
  basis: string | null;
  rows: Map<string, ApiFigures>;
  total: ApiFigures;
}

export interface DrillItem {
  id: string;
  code: string;
  category: Category;
  verdict: Verdict;
  carriedOver: boolean;
}

type Json = Record<string, unknown>;

export function readFigures(row: Json): ApiFigures {
  if ('population' in row) {
    const figures: Partial<Figures> = {};
    for (const field of FIGURE_FIELDS) {
      (figures as Json)[field] = row[field];
    }
    return { shape: 'contract', figures };
  }
  const n = (k: string) => Number(row[k] ?? 0);
  return {
    shape: 'legacy',
    figures: {
      population: n('total'),
      onTimeCount: n('early') + n('onTime') + n('open') - n('openOverdue'),
      rate: (row.rate as number | null) ?? null,
    },
  };
}

/** The fields an answer of this shape can be compared on. */
export function comparableFields(shape: ApiShape): ReadonlyArray<keyof Figures> {
  return shape === 'contract' ? FIGURE_FIELDS : ['population', 'onTimeCount', 'rate'];
}

export class K1Api {
  private token: string | null = null;

  constructor(private readonly t: TestApp) {}

  private async auth(): Promise<string> {
    this.token ??= await this.t.tokenFor(Role.Director);
    return `Bearer ${this.token}`;
  }

  private async get(path: string, query: Record<string, string | number | undefined>) {
    const q = Object.fromEntries(Object.entries(query).filter(([, v]) => v !== undefined));
    return this.t.http
      .get(`/api/v1/metrics/${path}`)
      .query(q)
      .set('authorization', await this.auth());
  }

  async onTime(period: Period, groupBy: GroupBy, departmentId?: string): Promise<OnTimeAnswer> {
    const { from, to } = period;
    const res = await this.get('on-time', { from, to, groupBy, departmentId });
    if (res.status !== 200) {
      throw new Error(
        `GET /metrics/on-time ${period.from}..${period.to} by ${groupBy} answered ${res.status}: ${res.text}`,
      );
    }
    const body = res.body as { basis?: string; rows: Json[]; total: Json };
    const rows = new Map<string, ApiFigures>();
    for (const row of body.rows) {
      rows.set(String(row.key), readFigures(row));
    }
    return { basis: body.basis ?? null, rows, total: readFigures(body.total) };
  }

  /** The drill-down population, every page; null when the API has no such list. */
  async population(period: Period, departmentId?: string): Promise<DrillItem[] | null> {
    const items: DrillItem[] = [];
    let cursor: string | undefined;
    for (;;) {
      const res = await this.get('on-time/applications', {
        from: period.from,
        to: period.to,
        departmentId,
        limit: 500,
        cursor,
      });
      if (res.status === 404) {
        return null;
      }
      if (res.status !== 200) {
        throw new Error(`GET /metrics/on-time/applications answered ${res.status}: ${res.text}`);
      }
      const body = res.body as { items: DrillItem[]; nextCursor: string | null };
      items.push(...body.items);
      if (!body.nextCursor) {
        return items;
      }
      cursor = body.nextCursor;
    }
  }

  async summaryK1(period: Period): Promise<{
    value: unknown;
    numerator: unknown;
    denominator: unknown;
    k4: { numerator: unknown; denominator: unknown };
    k7: { numerator: unknown; denominator: unknown };
  }> {
    const res = await this.get('summary', { from: period.from, to: period.to });
    if (res.status !== 200) {
      throw new Error(`GET /metrics/summary answered ${res.status}: ${res.text}`);
    }
    const k1 = (res.body as { kpis: Array<Json> }).kpis.find((k) => k.code === 'K1');
    if (!k1) {
      throw new Error('GET /metrics/summary has no K1');
    }
    const ratio = (code: string) => {
      const k = (res.body as { kpis: Array<Json> }).kpis.find((x) => x.code === code);
      return { numerator: k?.numerator, denominator: k?.denominator };
    };
    return {
      value: k1.value,
      numerator: k1.numerator,
      denominator: k1.denominator,
      k4: ratio('K4'),
      k7: ratio('K7'),
    };
  }

  /** POST /metrics/periods/close-ended; the status code (404 where it does not exist yet). */
  async closeEnded(): Promise<{ status: number; text: string }> {
    const token = await this.t.tokenFor(Role.Director);
    const res = await this.t.http
      .post('/api/v1/metrics/periods/close-ended')
      .set('authorization', `Bearer ${token}`)
      .send({});
    return { status: res.status, text: res.text };
  }
}
