import { Inject, Injectable } from '@nestjs/common';
import { PeriodCountsRepository, PopulationMember } from '@app/database';
import { Clock } from '../clock/clock';
import { MetricsRange } from './metrics-scope';

export interface PopulationPage {
  from: string;
  to: string;
  asOf: string;
  items: PopulationMember[];
  nextCursor: string | null;
}

/**
 * Who is in a period's K1 figure and how each counts, judged as the figure is (at the period's
 * end, or now while it runs), computed from the segments: an inspector can check any figure
 * application by application. For a closed period it is today's knowledge of that instant,
 * which differs from the frozen figure exactly where an adjustment is recorded.
 */
@Injectable()
export class K1PopulationService {
  constructor(
    @Inject(PeriodCountsRepository) private readonly counts: PeriodCountsRepository,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  async page(
    range: MetricsRange,
    departmentId: string | null,
    cursor: string | null,
    limit: number,
  ): Promise<PopulationPage> {
    const now = this.clock.now();
    const asOf = range.endAt.getTime() > now.getTime() ? now : range.endAt;
    const rows = await this.counts.population(range.startAt, asOf, departmentId, cursor, limit + 1);
    const items = rows.slice(0, limit);
    return {
      from: range.from,
      to: range.to,
      asOf: asOf.toISOString(),
      items,
      nextCursor: rows.length > limit ? items[items.length - 1].id : null,
    };
  }
}
