import { Inject, Injectable } from '@nestjs/common';
import { toLocalDate, WorkingCalendar } from '@app/domain';
import {
  ConsumedEventRepository,
  KpiRollupRepository,
  RollupCounter,
  RollupKey,
  TransactionScope,
  WorkingCalendarService,
} from '@app/database';
import { ApplicationEventType as E, OutboxEventMessage } from '@app/messaging';
import { Clock } from '../clock/clock';
import { classifyResult, OUTCOME_COUNTER } from './kpi-classification';

/** The name recorded in consumed_events: persisted, never change it. */
export const KPI_CONSUMER = 'kpi-rollups';

/**
 * Keeps kpi_daily_rollups current from application events (K1 of the domain spec): each event
 * adds to the row of its local day, department, procedure and channel, exactly once.
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
    // Read before the transaction: a calendar refresh inside it would need a second pooled
    // connection while holding one, and a busy pool would then deadlock.
    const calendar = await this.calendars.current();
    const outcome = await this.consumed.runOnce(KPI_CONSUMER, message.eventId, (scope) =>
      this.applyIn(scope, message, calendar),
    );
    return outcome.applied;
  }

  private async applyIn(
    scope: TransactionScope,
    message: OutboxEventMessage,
    calendar: WorkingCalendar,
  ): Promise<void> {
    const p = message.payload;
    const key = (at: string): RollupKey => ({
      day: toLocalDate(new Date(at)),
      departmentId: p.departmentId,
      procedureId: p.procedureId,
      channel: p.channel,
    });
    const add = (at: string, counters: Partial<Record<RollupCounter, number>>) =>
      this.rollups.increment(scope, key(at), counters);

    switch (message.type as E) {
      case E.Received:
        return add(p.receivedAt ?? p.at, { received: 1 });
      case E.SupplementRequested:
        return add(p.at, { supplement_requests: 1 });
      case E.Apologized:
        return add(p.at, { apologies: 1 });
      case E.Stopped:
        return add(p.at, { stopped: 1, withdrawn: p.data.stopReason === 'withdrawn' ? 1 : 0 });
      case E.ResultReady:
        return this.classify(scope, p.applicationId, p.at, calendar, add);
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
        return; // they do not move a roll-up
      default:
        return; // an unknown type from a newer release: nothing to count
    }
  }

  private async classify(
    scope: TransactionScope,
    applicationId: string,
    at: string,
    calendar: WorkingCalendar,
    add: (at: string, counters: Partial<Record<RollupCounter, number>>) => Promise<void>,
  ): Promise<void> {
    const source = await this.rollups.findClassificationSource(scope, applicationId);
    if (!source) {
      throw new Error(`application ${applicationId} not found for classification`);
    }
    // The event's own time is the end (the row may have moved on, e.g. to result_returned).
    source.resultReadyAt = new Date(at);
    const now = this.clock.now();
    const result = classifyResult(source, calendar, this.calendars.deadlinePolicy(), now);
    await this.rollups.recordOutcome(scope, {
      applicationId,
      outcome: result.outcome,
      endAt: result.endAt,
      endAdjustedAt: result.endAdjustedAt,
      classifiedAt: now,
    });
    await add(at, { [OUTCOME_COUNTER[result.outcome]]: 1 });
  }
}
