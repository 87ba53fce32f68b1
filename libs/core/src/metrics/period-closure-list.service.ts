import { Inject, Injectable } from '@nestjs/common';
import { DomainError, periodName, parseLocalDate } from '@app/domain';
import { PeriodClosure, PeriodClosureRepository } from '@app/database';

export interface PeriodClosureView {
  id: string;
  kind: string;
  periodType: string;
  from: string;
  to: string;
  name: string;
  inForce: boolean;
  closedAt: string;
  closedBy: string | null;
  closeNote: string | null;
  formulaVersion: string;
  settings: Record<string, unknown>;
  reopenedAt: string | null;
  reopenedBy: string | null;
  reopenReason: string | null;
  adjustments: Array<{ detectedAt: string; cause: string; applicationCodes: string[] }>;
}

/** The history of closed periods, as directors and inspectors read it. */
@Injectable()
export class PeriodClosureListService {
  constructor(
    @Inject(PeriodClosureRepository) private readonly closures: PeriodClosureRepository,
  ) {}

  async ofYear(year: number): Promise<PeriodClosureView[]> {
    const closures = await this.closures.list(`${year}-01-01`, `${year}-12-31`);
    return this.views(closures);
  }

  async one(id: string): Promise<PeriodClosureView> {
    const closure = await this.closures.findById(id);
    if (!closure) {
      throw DomainError.notFound('period closure', id);
    }
    return (await this.views([closure]))[0];
  }

  private async views(closures: PeriodClosure[]): Promise<PeriodClosureView[]> {
    const adjustments = await this.closures.adjustments(closures.map((c) => c.id));
    return closures.map((c) => ({
      id: c.id,
      kind: c.kind,
      periodType: c.type,
      from: c.from,
      to: c.to,
      name: nameOf(c),
      inForce: c.reopenedAt === null,
      closedAt: c.closedAt.toISOString(),
      closedBy: c.closedBy,
      closeNote: c.closeNote,
      formulaVersion: c.formulaVersion,
      settings: c.settings,
      reopenedAt: c.reopenedAt?.toISOString() ?? null,
      reopenedBy: c.reopenedBy,
      reopenReason: c.reopenReason,
      adjustments: adjustments
        .filter((a) => a.closureId === c.id)
        .map((a) => ({
          detectedAt: a.detectedAt.toISOString(),
          cause: a.cause,
          applicationCodes: a.applicationCodes,
        })),
    }));
  }
}

/** 'Quý I/2026 (kỳ 15/12–14/3)' style name from the closure's kind and last month. */
function nameOf(c: PeriodClosure): string {
  const { year, month } = parseLocalDate(c.to);
  const n =
    c.kind === 'month'
      ? month
      : c.kind === 'quarter'
        ? Math.ceil(month / 3)
        : c.kind === 'half'
          ? Math.ceil(month / 6)
          : 1;
  return (
    periodName(c.kind, year, n) + (c.type === 'administrative' ? ' (kỳ báo cáo hành chính)' : '')
  );
}
