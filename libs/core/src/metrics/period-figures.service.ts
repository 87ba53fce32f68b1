import { Inject, Injectable } from '@nestjs/common';
import { identifyReportingPeriod, toLocalDate } from '@app/domain';
import {
  PeriodAdjustment,
  PeriodClosure,
  PeriodClosureRepository,
  PeriodCountsRepository,
  PeriodCountsRow,
} from '@app/database';
import { Clock } from '../clock/clock';
import { MetricsRange } from './metrics-scope';

/**
 * frozen: the figures stored when the period was closed (chốt số liệu);
 * live: a period still running, as of now (roll-ups and the open applications);
 * computed: a past period that is not closed (or not a standard one), computed exactly as of its end.
 */
export type FiguresBasis = 'frozen' | 'live' | 'computed';

export interface ClosureInfo {
  id: string;
  kind: string;
  type: string;
  closedAt: string;
  closedBy: string | null;
  formulaVersion: string;
  settings: Record<string, unknown>;
  /** Corrections found after the closure (back-dated events): shown beside the figures, never merged into them. */
  adjustments: Array<{ detectedAt: string; cause: string; applicationCodes: string[] }>;
}

export interface PeriodCounts {
  basis: FiguresBasis;
  /** The instant the figures are judged at: the period's end, or now while it runs. */
  asOf: Date;
  closure: ClosureInfo | null;
  rows: PeriodCountsRow[];
}

/** The counts of a period, from the right source: frozen when closed, live while running, exact otherwise. */
@Injectable()
export class PeriodFiguresService {
  constructor(
    @Inject(PeriodCountsRepository) private readonly counts: PeriodCountsRepository,
    @Inject(PeriodClosureRepository) private readonly closures: PeriodClosureRepository,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  async forRange(range: MetricsRange, departmentId: string | null): Promise<PeriodCounts> {
    const now = this.clock.now();
    if (range.endAt.getTime() > now.getTime()) {
      if (range.startAt.getTime() >= now.getTime()) {
        return { basis: 'live', asOf: now, closure: null, rows: [] };
      }
      const rows = await this.counts.live(range.from, toLocalDate(now), now, departmentId);
      return { basis: 'live', asOf: now, closure: null, rows };
    }
    const id = identifyReportingPeriod(range);
    const closure = id ? await this.closures.findInForce(id.kind, id.type, range.from) : null;
    if (closure) {
      const [rows, adjustments] = await Promise.all([
        this.counts.frozen(closure.id, departmentId),
        this.closures.adjustments([closure.id]),
      ]);
      return {
        basis: 'frozen',
        asOf: range.endAt,
        closure: closureInfo(closure, adjustments),
        rows,
      };
    }
    const rows = await this.counts.exact(range.startAt, range.endAt, departmentId);
    return { basis: 'computed', asOf: range.endAt, closure: null, rows };
  }
}

export function closureInfo(closure: PeriodClosure, adjustments: PeriodAdjustment[]): ClosureInfo {
  return {
    id: closure.id,
    kind: closure.kind,
    type: closure.type,
    closedAt: closure.closedAt.toISOString(),
    closedBy: closure.closedBy,
    formulaVersion: closure.formulaVersion,
    settings: closure.settings,
    adjustments: adjustments.map((a) => ({
      detectedAt: a.detectedAt.toISOString(),
      cause: a.cause,
      applicationCodes: a.applicationCodes,
    })),
  };
}
