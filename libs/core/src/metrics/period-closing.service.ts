import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@app/config';
import {
  addLocalDays,
  atLocalMillis,
  DomainError,
  DomainErrorCode,
  K1_FORMULA_VERSION,
  reportingPeriod,
  reportingPeriodsEndingBetween,
  toLocalDate,
  type PeriodKind,
  type PeriodType,
} from '@app/domain';
import {
  PERIOD_COUNTER_NAMES,
  PeriodClosure,
  PeriodClosureRepository,
  PeriodCountsRepository,
  PeriodCountsRow,
  mergeRows,
} from '@app/database';
import { Clock } from '../clock/clock';
import { K1ContextProvider } from '../kpi/k1-context';

export interface PeriodRef {
  kind: PeriodKind;
  type: PeriodType;
  from: string;
  to: string;
}

export interface CloseOutcome {
  closed: Array<PeriodRef & { id: string }>;
  /** Periods that ended but wait for events still in the outbox (relayed by the next run). */
  deferred: PeriodRef[];
}

/**
 * Closing a period (chốt số liệu): once it has ended and its events have reached the worker,
 * its figures are computed exactly as of its end and frozen with the formula version and the
 * settings used. Later corrections (back-dated events) never rewrite them: each nightly run
 * recomputes the closed periods such a change reaches and records the difference as an
 * adjustment beside the frozen figures. A director can re-open a period (the reason is kept)
 * and close it again; every closure stays in the period's history.
 */
@Injectable()
export class PeriodClosingService {
  private readonly logger = new Logger(PeriodClosingService.name);

  constructor(
    @Inject(PeriodClosureRepository) private readonly closures: PeriodClosureRepository,
    @Inject(PeriodCountsRepository) private readonly counts: PeriodCountsRepository,
    @Inject(K1ContextProvider) private readonly k1: K1ContextProvider,
    @Inject(Clock) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Closes every standard period that ended within the look-back and is not closed yet. */
  async closeEnded(by: string | null = null): Promise<CloseOutcome> {
    const now = this.clock.now();
    const { closeAfterMinutes, closeLookbackDays } = this.config.kpi;
    const today = toLocalDate(now);
    const outcome: CloseOutcome = { closed: [], deferred: [] };
    for (const p of reportingPeriodsEndingBetween(addLocalDays(today, -closeLookbackDays), today)) {
      const end = atLocalMillis(addLocalDays(p.to, 1), 0);
      if (end.getTime() + closeAfterMinutes * 60_000 > now.getTime()) {
        continue; // not over yet, or too recently for late events to have landed
      }
      if (await this.closures.findInForce(p.kind, p.type, p.from)) {
        continue;
      }
      const ref = { kind: p.kind, type: p.type, from: p.from, to: p.to };
      if (await this.closures.hasUnrelayedEventsBefore(end)) {
        outcome.deferred.push(ref);
        continue;
      }
      const closure = await this.freeze(ref, by, null);
      if (closure) {
        outcome.closed.push({ ...ref, id: closure.id });
      }
    }
    if (outcome.closed.length + outcome.deferred.length > 0) {
      this.logger.log(
        `periods closed: ${outcome.closed.map((p) => `${p.kind}/${p.type} ${p.from}..${p.to}`).join(', ') || 'none'}` +
          (outcome.deferred.length
            ? `; deferred (events still in the outbox): ${outcome.deferred.length}`
            : ''),
      );
    }
    return outcome;
  }

  /** A director closes one period explicitly (e.g. again after re-opening it). */
  async close(
    kind: PeriodKind,
    type: PeriodType,
    year: number,
    n: number,
    by: string,
    note: string | null,
  ) {
    const period = reportingPeriod(kind, type, year, n);
    const end = atLocalMillis(addLocalDays(period.to, 1), 0);
    if (end.getTime() > this.clock.now().getTime()) {
      throw DomainError.validation(
        'n',
        'the period has not ended yet: it can be closed only after its last day',
      );
    }
    const existing = await this.closures.findInForce(kind, type, period.from);
    if (existing) {
      throw new DomainError(
        DomainErrorCode.Duplicate,
        'The period is already closed',
        [{ field: 'period', reason: `closed at ${existing.closedAt.toISOString()}` }],
        existing,
      );
    }
    const closure = await this.freeze({ kind, type, ...period }, by, note);
    if (!closure) {
      throw new DomainError(DomainErrorCode.Duplicate, 'The period was closed meanwhile');
    }
    return closure;
  }

  async reopen(closureId: string, by: string, reason: string): Promise<PeriodClosure> {
    const closure = await this.closures.findById(closureId);
    if (!closure) {
      throw DomainError.notFound('period closure', closureId);
    }
    if (!(await this.closures.reopen(closureId, this.clock.now(), by, reason))) {
      throw new DomainError(
        DomainErrorCode.IllegalTransition,
        'This closure is no longer in force',
        [{ field: 'id', reason: `re-opened at ${closure.reopenedAt?.toISOString()}` }],
        closure,
      );
    }
    return (await this.closures.findById(closureId))!;
  }

  /**
   * For each closure in force, the back-dated changes recorded since it was last checked that
   * reach before its end: the period is recomputed and any difference recorded as an
   * adjustment (the frozen figures stay as reported).
   */
  async checkAdjustments(): Promise<number> {
    let found = 0;
    for (const closure of await this.closures.inForce()) {
      const end = atLocalMillis(addLocalDays(closure.to, 1), 0);
      const changes = await this.closures.changesSince(closure.checkedChangesTo, end);
      if (changes.applicationCodes.length > 0) {
        const start = atLocalMillis(closure.from, 0);
        const [now, frozen, previous] = await Promise.all([
          this.exactCounts(start, end),
          this.counts.frozen(closure.id, null),
          this.closures.adjustments([closure.id]),
        ]);
        const known = mergeRows(frozen, ...previous.map((a) => a.figures));
        const delta = difference(now, known);
        if (delta.length > 0) {
          found += 1;
          await this.closures.addAdjustment({
            closureId: closure.id,
            detectedAt: this.clock.now(),
            cause: `${changes.applicationCodes.length} hồ sơ có dữ liệu được ghi nhận sau khi chốt số liệu với thời điểm thuộc kỳ (${changes.causes.map((c) => CAUSE_VI[c] ?? c).join(', ')})`,
            applicationCodes: changes.applicationCodes.slice(0, 200),
            figures: delta,
          });
        }
      }
      await this.closures.markChecked(closure.id, changes.lastId);
    }
    return found;
  }

  private async freeze(ref: PeriodRef, by: string | null, note: string | null) {
    const start = atLocalMillis(ref.from, 0);
    const end = atLocalMillis(addLocalDays(ref.to, 1), 0);
    // Changes recorded up to here are in the figures: adjustments look only after this id.
    const checkedChangesTo = await this.closures.lastChangeId();
    const figures = await this.exactCounts(start, end);
    const settings = this.k1.settings();
    return this.closures.close(
      {
        kind: ref.kind,
        type: ref.type,
        from: ref.from,
        to: ref.to,
        closedAt: this.clock.now(),
        closedBy: by,
        closeNote: note,
        formulaVersion: K1_FORMULA_VERSION,
        settings: {
          ...settings,
          deadlinePolicy: settings.deadlinePolicy,
          maxSupplementRequests: this.config.rules.maxSupplementRequests,
        },
        checkedChangesTo,
      },
      figures,
    );
  }

  private exactCounts(start: Date, end: Date): Promise<PeriodCountsRow[]> {
    return this.counts.exact(start, end, null);
  }
}

/** What recorded a back-dated change (kpi_k1_changes.cause), as the adjustment says it. */
const CAUSE_VI: Record<string, string> = {
  event: 'sự kiện được xử lý sau khi chốt',
  reconciliation: 'đối soát dữ liệu',
  'catch-up': 'bổ sung dữ liệu còn thiếu',
  rebuild: 'tính lại toàn bộ',
};

/** Rows of `a − b` that are not all zero. */
function difference(a: PeriodCountsRow[], b: PeriodCountsRow[]): Array<Partial<PeriodCountsRow>> {
  const negated = b.map((row) => {
    const out: PeriodCountsRow = { ...row };
    for (const c of PERIOD_COUNTER_NAMES) {
      out[c] = -row[c];
    }
    return out;
  });
  return mergeRows(a, negated).filter((row) => PERIOD_COUNTER_NAMES.some((c) => row[c] !== 0));
}
