import { Inject, Injectable } from '@nestjs/common';
import { ConsumedEventRepository, KpiAppliedSignal, KpiRollupRepository } from '@app/database';
import { OutboxEventMessage } from '@app/messaging';
import { Clock } from '../clock/clock';
import { appliedOnce } from '../events/applied-once';
import { K1ContextProvider } from './k1-context';
import { KpiFactsService } from './kpi-facts.service';

/** The name recorded in consumed_events: persisted, never change it. */
export const KPI_CONSUMER = 'kpi-rollups';

/**
 * Keeps the indicators current from application events: for the applications a batch of
 * events concerns, their K1 segments and roll-up contributions are recomputed from their
 * history and the difference applied (KpiFactsService), in one transaction per batch with the
 * events recorded in consumed_events. Because each application is recomputed from its whole
 * history, the order in which its events arrive does not matter, and one event's job may find
 * its effect already applied by a later event's.
 */
@Injectable()
export class KpiRollupConsumer {
  constructor(
    @Inject(ConsumedEventRepository) private readonly consumed: ConsumedEventRepository,
    @Inject(KpiRollupRepository) private readonly rollups: KpiRollupRepository,
    @Inject(KpiFactsService) private readonly facts: KpiFactsService,
    @Inject(K1ContextProvider) private readonly k1: K1ContextProvider,
    @Inject(Clock) private readonly clock: Clock,
    @Inject(KpiAppliedSignal) private readonly applied: KpiAppliedSignal,
  ) {}

  /** Applies one event; returns false when it had already been applied. */
  async apply(message: OutboxEventMessage): Promise<boolean> {
    const [applied] = await this.applyBatch([message]);
    return applied;
  }

  /**
   * Applies the events in one transaction, all or none. Returns, per message, whether this
   * call applied it (false: applied earlier, or a repeat of an id earlier in the batch).
   */
  async applyBatch(messages: readonly OutboxEventMessage[]): Promise<boolean[]> {
    if (messages.length === 0) {
      return [];
    }
    // Read before the transaction: a calendar refresh inside it would need a second pooled
    // connection while holding one, and a busy pool would then deadlock.
    const ctx = await this.k1.context();
    const { freshIds, result } = await this.consumed.runOnceEach(
      KPI_CONSUMER,
      messages,
      async (scope, fresh) => {
        const applications = messages
          .filter((m) => fresh.has(m.eventId))
          .map((m) => m.payload.applicationId);
        return this.facts.recompute(
          scope,
          this.rollups,
          applications,
          ctx,
          this.clock.now(),
          'event',
        );
      },
    );
    if (result.changed > 0) {
      this.applied.poke(); // after the commit: the dashboards may fetch the new figures
    }
    return appliedOnce(messages, freshIds);
  }
}
