import { Inject, Injectable } from '@nestjs/common';
import {
  Channel,
  compareLocalDates,
  monthKey,
  onTimeRate,
  periodKeyLabel,
  quarterKey,
  toLocalDate,
} from '@app/domain';
import { MetricsGroupBy, MetricsRepository } from '@app/database';
import { Clock } from '../clock/clock';
import { MetricsRange } from './metrics-scope';

export const CHANNEL_LABEL_VI: Record<string, string> = {
  [Channel.Direct]: 'Trực tiếp',
  [Channel.Online]: 'Trực tuyến',
  [Channel.Postal]: 'Bưu chính công ích',
};

export interface OnTimeFigures {
  /** The population P as approximated below. */
  total: number;
  early: number;
  onTime: number;
  late: number;
  /** Still open at the cut-off (received, no result yet). */
  open: number;
  /** Open and already past their K1 appointment: certain to be late. */
  openOverdue: number;
  /** (early + onTime + open − openOverdue) ÷ total × 100, 2 decimals; null when total is 0. */
  rate: number | null;
  received: number;
  apologies: number;
}

export interface OnTimeRow extends OnTimeFigures {
  key: string;
  label: string;
}

export interface OnTimeReport {
  from: string;
  to: string;
  groupBy: MetricsGroupBy;
  rows: OnTimeRow[];
  total: OnTimeFigures;
}

type Counts = Omit<OnTimeFigures, 'total' | 'rate'>;
const ZERO: Counts = {
  early: 0,
  onTime: 0,
  late: 0,
  open: 0,
  openOverdue: 0,
  received: 0,
  apologies: 0,
};

export function figures(c: Counts): OnTimeFigures {
  const pending = c.open - c.openOverdue;
  const total = c.early + c.onTime + c.late + c.open;
  const rate = onTimeRate({
    early: c.early,
    onTime: c.onTime + pending,
    late: c.late + c.openOverdue,
  });
  return { ...c, total, rate };
}

function add(a: Counts, b: Partial<Counts>): Counts {
  const out = { ...a };
  for (const k of Object.keys(ZERO) as Array<keyof Counts>) {
    out[k] += b[k] ?? 0;
  }
  return out;
}

/**
 * K1 on-time rate from the roll-ups and the open partial index — never a scan of applications.
 *
 * How the population P is approximated: P ≈ C + O, where
 * - C = applications whose result became ready (status 9) on a local day in [from, to], from
 *   kpi_daily_rollups, split early / on time / late by the worker's classifyOnTime (end
 *   adjusted for completed supplements, against the original appointment);
 * - O = applications open NOW (status received..withdrawal_requested, via the partial index
 *   applications_open_due) that were received before the end of `to`. An open one counts as on
 *   time while its K1 end (the cut-off = min(now, end of `to`), or its one unanswered
 *   supplement request, or its withdrawal request) is on or before its appointment day, late
 *   otherwise (and always late after a second supplement request).
 * Where this differs from the exact 766 definition (P = received dossiers open at some point
 * in the period):
 * - a dossier received before the period and closed in it is counted, by its result day (as in
 *   766); one closed after the period but received in it is counted in the period of its result
 *   day, not here: for a past range, dossiers open at its end and closed since are missing
 *   (for a range ending today or later there is no difference);
 * - dossiers stopped, refused after reception or withdrawn (766 ends 8 and 7 once closed) are
 *   not classified by the roll-ups and are left out of C;
 * - open dossiers are judged at the cut-off, not at each one's true end.
 * groupBy month/quarter: C goes to the bucket of its result day; O (a snapshot) goes to the
 * bucket holding the cut-off.
 */
@Injectable()
export class OnTimeMetricsService {
  constructor(
    @Inject(MetricsRepository) private readonly metrics: MetricsRepository,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  async onTime(
    range: MetricsRange,
    groupBy: MetricsGroupBy,
    departmentId: string | null,
  ): Promise<OnTimeReport> {
    const now = this.clock.now();
    // The last instant of `to` (its local day), or now when the range has not ended yet.
    const lastInstant = new Date(range.endAt.getTime() - 1);
    const cutoff = now < lastInstant ? now : lastInstant;
    const [closed, open] = await Promise.all([
      this.metrics.sumRollups(range.from, range.to, groupBy, departmentId),
      this.metrics.openCounts(range.endAt, cutoff, groupBy, departmentId),
    ]);
    const today = toLocalDate(now);
    const snapshotDay = compareLocalDates(today, range.to) < 0 ? today : range.to;
    const snapshotKey =
      groupBy === 'month'
        ? monthKey(snapshotDay)
        : groupBy === 'quarter'
          ? quarterKey(snapshotDay)
          : '';

    const byKey = new Map<string, { label: string; counts: Counts }>();
    const entry = (key: string, label: string | null) => {
      let e = byKey.get(key);
      if (!e) {
        e = { label: this.label(groupBy, key, label), counts: { ...ZERO } };
        byKey.set(key, e);
      }
      return e;
    };
    for (const r of closed) {
      const e = entry(r.key, r.label);
      e.counts = add(e.counts, r);
    }
    for (const o of open) {
      const key = o.key === '*' ? snapshotKey : o.key;
      const e = entry(key, o.label);
      e.counts = add(e.counts, { open: o.open, openOverdue: o.openOverdue });
    }
    const rows = [...byKey.entries()]
      .map(([key, e]) => ({ key, label: e.label, ...figures(e.counts) }))
      .sort((a, b) =>
        groupBy === 'month' || groupBy === 'quarter'
          ? a.key.localeCompare(b.key)
          : a.label.localeCompare(b.label, 'vi'),
      );
    const total = figures(rows.reduce<Counts>((sum, r) => add(sum, r), { ...ZERO }));
    return { from: range.from, to: range.to, groupBy, rows, total };
  }

  private label(groupBy: MetricsGroupBy, key: string, label: string | null): string {
    switch (groupBy) {
      case 'department':
      case 'procedure':
        return label ?? key;
      case 'channel':
        return CHANNEL_LABEL_VI[key] ?? key;
      case 'month':
      case 'quarter':
        return periodKeyLabel(key);
    }
  }
}
