import { Inject, Injectable } from '@nestjs/common';
import {
  atLocalMillis,
  K1Context,
  k1FirstDifference,
  kpiApplicationFacts,
  KpiContribution,
  TimeLimit,
  toLocalDate,
} from '@app/domain';
import {
  K1Change,
  KpiApplicationSource,
  KpiFactsRepository,
  KpiRollupRepository,
  NewKpiFacts,
  StoredKpiFacts,
  TransactionScope,
} from '@app/database';
import { RollupDeltas } from './rollup-deltas';

export interface RecomputeOutcome {
  /** Applications whose facts changed (0 when the history already was all applied). */
  changed: number;
  /** Of those, changes dated before today (a closed period may need an adjustment). */
  backDated: number;
}

/**
 * Brings applications' K1 segments and roll-up contributions in line with their history: each
 * is recomputed from scratch (libs/domain kpiApplicationFacts) and only the difference with
 * what was stored is added to the roll-ups. The KPI consumer calls this for the applications
 * of a batch of events, the reconciliation for every application touched in a range: whoever
 * comes, in whatever order, the result is the same.
 */
@Injectable()
export class KpiFactsService {
  constructor(@Inject(KpiFactsRepository) private readonly facts: KpiFactsRepository) {}

  async recompute(
    scope: TransactionScope,
    rollups: KpiRollupRepository,
    applicationIds: readonly string[],
    ctx: K1Context,
    now: Date,
    cause: string,
  ): Promise<RecomputeOutcome> {
    const ids = [...new Set(applicationIds)];
    await this.facts.lock(scope, ids);
    const [sources, { stored, withSegments }] = await Promise.all([
      this.facts.findSources(scope, ids),
      this.facts.findStored(scope, ids),
    ]);
    const deltas = new RollupDeltas();
    const changed: NewKpiFacts[] = [];
    const changes: K1Change[] = [];
    const startOfToday = atLocalMillis(toLocalDate(now), 0).getTime();
    for (const source of sources) {
      const next = kpiApplicationFacts(
        {
          receivedAt: new Date(source.receivedAt),
          appointmentAt: source.originalDueAt ? new Date(source.originalDueAt) : null,
          limit: { value: source.timeLimitValue, unit: source.timeLimitUnit } as TimeLimit,
          history: source.history.map((h) => ({ ...h, at: new Date(h.at) })),
        },
        ctx,
      );
      const before = stored.get(source.id);
      if (
        before &&
        sameFacts(before, source, next.contributions) &&
        (before.completedAt?.getTime() ?? null) === (next.completion?.at.getTime() ?? null) &&
        !k1FirstDifference(before.segments, next.segments)
      ) {
        continue;
      }
      if (before) {
        addAll(deltas, before, before.contributions, -1);
      }
      addAll(deltas, source, next.contributions, 1);
      changed.push({
        source,
        contributions: next.contributions,
        segments: next.segments,
        completion: next.completion,
      });
      const affectedFrom = k1FirstDifference(before?.segments ?? [], next.segments);
      if (affectedFrom && affectedFrom.getTime() < startOfToday) {
        changes.push({ applicationId: source.id, affectedFrom, cause });
      }
    }
    await this.facts.save(scope, changed, now, withSegments);
    await rollups.incrementMany(scope, deltas.toRows());
    await this.facts.recordChanges(scope, changes, now);
    return { changed: changed.length, backDated: changes.length };
  }
}

function addAll(
  deltas: RollupDeltas,
  key: Pick<KpiApplicationSource, 'departmentId' | 'procedureId' | 'channel'>,
  contributions: readonly KpiContribution[],
  sign: 1 | -1,
): void {
  for (const c of contributions) {
    deltas.addCount(c.day, key, c.counter, sign * c.n);
  }
}

function sameFacts(
  before: StoredKpiFacts,
  source: KpiApplicationSource,
  contributions: readonly KpiContribution[],
): boolean {
  return (
    before.departmentId === source.departmentId &&
    before.procedureId === source.procedureId &&
    before.channel === source.channel &&
    contributionKey(before.contributions) === contributionKey(contributions)
  );
}

// jsonb does not keep key order: compare the values.
const contributionKey = (list: readonly KpiContribution[]) =>
  list.map((c) => `${c.day}|${c.counter}|${c.n}`).join(',');
