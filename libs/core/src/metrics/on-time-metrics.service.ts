import { Inject, Injectable } from '@nestjs/common';
import {
  addK1Counts,
  calendarBuckets,
  Channel,
  K1_COUNTER_NAMES,
  K1Counts,
  k1Figures,
  K1Figures,
  periodKeyLabel,
  zeroK1Counts,
} from '@app/domain';
import { MetricsGroupBy, PeriodCountsRepository, PeriodCountsRow } from '@app/database';
import { metricsRange, MetricsRange } from './metrics-scope';
import {
  ClosureInfo,
  FiguresBasis,
  PeriodCounts,
  PeriodFiguresService,
} from './period-figures.service';

export const CHANNEL_LABEL_VI: Record<string, string> = {
  [Channel.Direct]: 'Trực tiếp',
  [Channel.Online]: 'Trực tuyến',
  [Channel.Postal]: 'Bưu chính công ích',
};

export interface OnTimeRow extends K1Figures {
  key: string;
  label: string;
}

export interface OnTimeReport {
  from: string;
  to: string;
  groupBy: MetricsGroupBy;
  /** The instant the figures are judged at: the period's end, or now while it runs. */
  asOf: string;
  basis: FiguresBasis;
  closure: ClosureInfo | null;
  rows: OnTimeRow[];
  total: K1Figures;
}

const k1Of = (row: PeriodCountsRow): K1Counts =>
  Object.fromEntries(K1_COUNTER_NAMES.map((c) => [c, row[c]])) as unknown as K1Counts;

/**
 * K1 (domain spec §4) of a period, grouped: the population of the period as a whole, split by
 * department, procedure or channel; or the calendar months / quarters of the range, each
 * counted as a period of its own (an application open across a month's end counts in both).
 */
@Injectable()
export class OnTimeMetricsService {
  constructor(
    @Inject(PeriodFiguresService) private readonly periods: PeriodFiguresService,
    @Inject(PeriodCountsRepository) private readonly names: PeriodCountsRepository,
  ) {}

  async onTime(
    range: MetricsRange,
    groupBy: MetricsGroupBy,
    departmentId: string | null,
  ): Promise<OnTimeReport> {
    const whole = await this.periods.forRange(range, departmentId);
    let rows: OnTimeRow[];
    if (groupBy === 'month' || groupBy === 'quarter') {
      const buckets = calendarBuckets(range, groupBy);
      const counted = await Promise.all(
        buckets.map((b) => this.periods.forRange(metricsRange(b.from, b.to), departmentId)),
      );
      rows = buckets
        .map((b, i) => ({ key: b.key, label: periodKeyLabel(b.key), ...this.total(counted[i]) }))
        .filter((r) => r.population > 0);
    } else {
      rows = await this.grouped(whole, groupBy);
    }
    return {
      from: range.from,
      to: range.to,
      groupBy,
      asOf: whole.asOf.toISOString(),
      basis: whole.basis,
      closure: whole.closure,
      rows,
      total: this.total(whole),
    };
  }

  total(counts: PeriodCounts): K1Figures {
    return k1Figures(counts.rows.reduce((sum, r) => addK1Counts(sum, k1Of(r)), zeroK1Counts()));
  }

  /** The rows of one period grouped by department, procedure code or channel, with labels. */
  async grouped(
    counts: PeriodCounts,
    groupBy: 'department' | 'procedure' | 'channel',
  ): Promise<OnTimeRow[]> {
    const keyOf = (r: PeriodCountsRow) =>
      groupBy === 'department'
        ? r.departmentId
        : groupBy === 'procedure'
          ? r.procedureCode
          : r.channel;
    const byKey = new Map<string, K1Counts>();
    for (const row of counts.rows) {
      const key = keyOf(row);
      byKey.set(key, addK1Counts(byKey.get(key) ?? zeroK1Counts(), k1Of(row)));
    }
    const keys = [...byKey.keys()];
    const labels =
      groupBy === 'department'
        ? await this.names.departmentNames(keys)
        : groupBy === 'procedure'
          ? await this.names.procedureNames(keys)
          : new Map(keys.map((k) => [k, CHANNEL_LABEL_VI[k] ?? k]));
    return keys
      .map((key) => ({ key, label: labels.get(key) ?? key, ...k1Figures(byKey.get(key)!) }))
      .filter((r) => r.population > 0)
      .sort((a, b) => a.label.localeCompare(b.label, 'vi'));
  }
}
