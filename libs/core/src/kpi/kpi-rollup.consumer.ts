import { Inject, Injectable } from '@nestjs/common';
import { toLocalDate } from '@app/domain';
import {
  ClassificationSource,
  ConsumedEventRepository,
  KpiRollupRepository,
  OutcomeRecord,
  RollupCounter,
  WorkingCalendarService,
} from '@app/database';
import { ApplicationEventType as E, OutboxEventMessage } from '@app/messaging';
import { Clock } from '../clock/clock';
import { appliedOnce } from '../events/applied-once';
import { classifyResult, OUTCOME_COUNTER } from './kpi-classification';
import { RollupDeltas } from './rollup-deltas';

/** The name recorded in consumed_events: persisted, never change it. */
export const KPI_CONSUMER = 'kpi-rollups';

/** What one event adds: fixed counters, or a K1 classification of the result. */
type EventEffect = Partial<Record<RollupCounter, number>> | 'classify' | null;

/**
 * Keeps kpi_daily_rollups current from application events (K1 of the domain spec): each event
 * adds to the row of its local day, department, procedure and channel, exactly once.
 * Events are applied in batches: one transaction records the batch's event ids in
 * consumed_events and adds the summed counters with one upsert, so the cost per event is a
 * fraction of a round trip (one transaction per event capped the consumer near 200 events/s).
 * Open/overdue snapshots are not kept here: they change with time, not with events, and are
 * read from the partial index applications_open_due (cheap) when needed.
 */
@Injectable()
export class KpiRollupConsumer {
  constructor(
    @Inject(ConsumedEventRepository) private readonly consumed: ConsumedEventRepository,
    @Inject(KpiRollupRepository) private readonly rollups: KpiRollupRepository,
    @Inject(WorkingCalendarService) private readonly calendars: WorkingCalendarService,
    @Inject(Clock) private readonly clock: Clock,
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
    const calendar = await this.calendars.current();
    const policy = this.calendars.deadlinePolicy();
    const { freshIds } = await this.consumed.runOnceEach(
      KPI_CONSUMER,
      messages.map((m) => m.eventId),
      async (scope, fresh) => {
        const toApply = firstOccurrences(messages).filter((m) => fresh.has(m.eventId));
        const classified = toApply.filter((m) => effectOf(m) === 'classify');
        const sources = new Map(
          (
            await this.rollups.findClassificationSources(
              scope,
              classified.map((m) => m.payload.applicationId),
            )
          ).map((s) => [s.id, s]),
        );
        const deltas = new RollupDeltas();
        const outcomes: OutcomeRecord[] = [];
        const now = this.clock.now();
        for (const message of toApply) {
          const p = message.payload;
          const effect = effectOf(message);
          if (effect === null) {
            continue;
          }
          if (effect !== 'classify') {
            deltas.add(
              (message.type as E) === E.Received ? (p.receivedAt ?? p.at) : p.at,
              p,
              effect,
            );
            continue;
          }
          const source = sources.get(p.applicationId);
          if (!source) {
            throw new Error(`application ${p.applicationId} not found for classification`);
          }
          // The event's own time is the end (the row may have moved on, e.g. to result_returned).
          const asOfEvent: ClassificationSource = { ...source, resultReadyAt: new Date(p.at) };
          const result = classifyResult(asOfEvent, calendar, policy, now);
          outcomes.push({
            applicationId: p.applicationId,
            outcome: result.outcome,
            endAt: result.endAt,
            endAdjustedAt: result.endAdjustedAt,
            classifiedAt: now,
          });
          deltas.add(p.at, p, { [OUTCOME_COUNTER[result.outcome]]: 1 });
          // K2 and K6 are over applications received in the period: their row is the reception day's.
          const receivedAt = new Date(source.receivedAt);
          deltas.add(receivedAt.toISOString(), p, {
            completed: 1,
            completed_working_days: calendar.workingDaysBetween(
              toLocalDate(receivedAt),
              toLocalDate(new Date(p.at)),
            ),
            completed_signed: p.data.digitallySigned === true ? 1 : 0,
          });
        }
        await this.rollups.incrementMany(scope, deltas.toRows());
        await this.rollups.recordOutcomes(scope, outcomes);
      },
    );
    return appliedOnce(messages, freshIds);
  }
}

function firstOccurrences(messages: readonly OutboxEventMessage[]): OutboxEventMessage[] {
  const seen = new Set<string>();
  return messages.filter((m) => !seen.has(m.eventId) && seen.add(m.eventId));
}

function effectOf(message: OutboxEventMessage): EventEffect {
  switch (message.type as E) {
    case E.Received:
      return { received: 1 };
    case E.SupplementRequested:
      return { supplement_requests: 1 };
    case E.Apologized:
      return { apologies: 1 };
    case E.Stopped:
      return { stopped: 1, withdrawn: message.payload.data.stopReason === 'withdrawn' ? 1 : 0 };
    case E.ResultReady:
      return 'classify';
    // Listed so that a new event type must be considered here (switch-exhaustiveness-check).
    case E.Submitted:
    case E.Refused:
    case E.Assigned:
    case E.ProcessingStarted:
    case E.SupplementReceived:
    case E.PaymentRequired:
    case E.PaymentConfirmed:
    case E.WithdrawalRequested:
    case E.ResultReturned:
    case E.HandedOver:
      return null; // they do not move a roll-up
    default:
      return null; // an unknown type from a newer release: nothing to count
  }
}
