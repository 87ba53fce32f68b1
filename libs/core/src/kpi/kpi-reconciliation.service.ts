import { Inject, Injectable, Logger } from '@nestjs/common';
import { addLocalDays, atLocalMillis } from '@app/domain';
import {
  KpiFactsRepository,
  KpiRollupRepository,
  MaintenanceWatermarkRepository,
} from '@app/database';
import { Clock } from '../clock/clock';
import { K1ContextProvider } from './k1-context';
import { KpiFactsService } from './kpi-facts.service';

/** Applications recomputed per transaction: a bounded lock set and statement size. */
export const RECONCILE_BATCH = 500;
/** Missed nights caught up by one nightly run, at most (older ones: `npm run kpi:rebuild`). */
export const NIGHTLY_CATCH_UP_DAYS = 31;
const WATERMARK = 'kpi-reconciliation';

export interface ReconciliationResult {
  checked: number;
  /** Applications whose stored facts differed from their history (0 expected) — now repaired. */
  repaired: number;
  /**
   * Roll-up counters that differ from the applications' stored contributions (0 expected).
   * Reported, not overwritten: a counter is only ever changed by applying an application's
   * difference, so a wrong one points at something to investigate (a manual edit, a bug).
   */
  rollupDrift: number;
}

/**
 * Recomputes applications' K1 segments and roll-up contributions from their history and
 * repairs whatever differs (an event lost between outbox and worker, a calendar change, a bug
 * fixed since). Repair is safe while events are still in flight: the consumer and this
 * service both recompute from the history under the same per-application lock and apply only
 * differences, so nothing is counted twice.
 */
@Injectable()
export class KpiReconciliationService {
  private readonly logger = new Logger(KpiReconciliationService.name);
  private lastRepaired = 0;

  constructor(
    @Inject(KpiFactsRepository) private readonly factsRepository: KpiFactsRepository,
    @Inject(KpiRollupRepository) private readonly rollups: KpiRollupRepository,
    @Inject(KpiFactsService) private readonly facts: KpiFactsService,
    @Inject(K1ContextProvider) private readonly k1: K1ContextProvider,
    @Inject(Clock) private readonly clock: Clock,
    @Inject(MaintenanceWatermarkRepository)
    private readonly watermarks: MaintenanceWatermarkRepository,
  ) {}

  /**
   * The nightly run: every local day since the last one reconciled, through `through`
   * (yesterday), at most NIGHTLY_CATCH_UP_DAYS of them; a night the worker missed is covered by
   * the next. Returns the days reconciled (null: already done).
   */
  async reconcileNightly(
    through: string,
  ): Promise<(ReconciliationResult & { from: string; to: string }) | null> {
    const last = await this.watermarks.doneThrough(WATERMARK);
    const earliest = addLocalDays(through, -(NIGHTLY_CATCH_UP_DAYS - 1));
    const next = last === null ? through : addLocalDays(last, 1);
    const from = next < earliest ? earliest : next;
    if (from > through) {
      return null;
    }
    const result = await this.reconcile(from, through);
    await this.watermarks.markDone(WATERMARK, through);
    return { ...result, from, to: through };
  }

  /**
   * Every application with a history line on local days from..to, and any received then
   * without facts (with missingEverywhere: any received on any day, which reads every
   * application: the start-up run's, once a day).
   */
  async reconcile(
    from: string,
    to: string,
    options: { missingEverywhere?: boolean } = {},
  ): Promise<ReconciliationResult> {
    const start = atLocalMillis(from, 0);
    const end = atLocalMillis(addLocalDays(to, 1), 0);
    const ids = await this.factsRepository.findTouchedBetween(start, end);
    const result = await this.recomputeAll(ids, 'reconciliation');
    const caughtUp = options.missingEverywhere
      ? await this.catchUp()
      : await this.catchUpBetween(start, end);
    const drift = await this.factsRepository.rollupDrift(from, to, ids);
    const total = {
      checked: result.checked + caughtUp.checked,
      repaired: result.repaired + caughtUp.repaired,
      rollupDrift: drift.length,
    };
    this.lastRepaired = total.repaired + total.rollupDrift;
    const message =
      `KPI facts for ${from}..${to}: ${total.checked} application(s) checked, ${total.repaired} repaired; ` +
      `${drift.length} roll-up counter(s) differ from them${drift.length ? `: ${JSON.stringify(drift.slice(0, 20))}` : ''}`;
    if (total.repaired > 0 || drift.length > 0) {
      this.logger.warn(message);
    } else {
      this.logger.log(message);
    }
    return total;
  }

  /**
   * Applications received in [start, end) that have no facts (an event lost with its history
   * line out of the window): the nightly check, bounded by the window. Older gaps, such as
   * after an upgrade, are for catchUp (`npm run kpi:rebuild -- --missing-only`).
   */
  catchUpBetween(start: Date, end: Date): Promise<Omit<ReconciliationResult, 'rollupDrift'>> {
    return this.recomputePages(
      (after: { receivedAt: Date; id: string } | null) =>
        this.factsRepository.findReceivedWithoutFactsBetween(start, end, after, RECONCILE_BATCH),
      (row) => row.id,
      'catch-up',
    );
  }

  /** Received applications that have no facts yet (after an upgrade, or a crash): all of them, in pages. */
  catchUp(): Promise<Omit<ReconciliationResult, 'rollupDrift'>> {
    return this.recomputePages(
      (after: string | null) =>
        this.factsRepository.findReceivedWithoutFacts(after, RECONCILE_BATCH),
      (id) => id,
      'catch-up',
    );
  }

  /** Every received application (after a settings change or a fix of the formula). */
  rebuildAll(onPage?: (done: number) => void): Promise<Omit<ReconciliationResult, 'rollupDrift'>> {
    return this.recomputePages(
      (after: string | null) => this.factsRepository.findReceived(after, RECONCILE_BATCH),
      (id) => id,
      'rebuild',
      onPage,
    );
  }

  /** Recomputes page after page (keyset: each page after the previous one's last row) until one is empty. */
  private async recomputePages<Row>(
    page: (after: Row | null) => Promise<Row[]>,
    idOf: (row: Row) => string,
    cause: string,
    onPage?: (done: number) => void,
  ): Promise<Omit<ReconciliationResult, 'rollupDrift'>> {
    let after: Row | null = null;
    const total = { checked: 0, repaired: 0 };
    for (;;) {
      const rows = await page(after);
      if (rows.length === 0) {
        return total;
      }
      const r = await this.recomputeAll(rows.map(idOf), cause);
      total.checked += r.checked;
      total.repaired += r.repaired;
      after = rows[rows.length - 1];
      onPage?.(total.checked);
    }
  }

  /** Applications repaired plus roll-up counters adrift at the last reconciliation (worker /metrics). */
  driftCount(): number {
    return this.lastRepaired;
  }

  private async recomputeAll(
    ids: readonly string[],
    cause: string,
  ): Promise<Omit<ReconciliationResult, 'rollupDrift'>> {
    const ctx = await this.k1.context();
    let repaired = 0;
    for (let i = 0; i < ids.length; i += RECONCILE_BATCH) {
      const batch = ids.slice(i, i + RECONCILE_BATCH);
      const result = await this.factsRepository.transaction((scope) =>
        this.facts.recompute(scope, this.rollups, batch, ctx, this.clock.now(), cause),
      );
      repaired += result.changed;
    }
    return { checked: ids.length, repaired };
  }
}
