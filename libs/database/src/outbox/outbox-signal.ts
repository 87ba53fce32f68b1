import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

export const OUTBOX_CHANNEL = 'outbox_events';
/** The KPI consumer applied a batch: the managers' figures changed (dashboards refresh). */
export const KPI_APPLIED_CHANNEL = 'kpi_applied';
/** Signals within this window share one NOTIFY. */
const COALESCE_MS = 20;

/** A NOTIFY on `channel` after the caller's commit, at most one per 20 ms per process. */
export class CoalescedNotify {
  private readonly logger = new Logger(CoalescedNotify.name);
  private scheduled = false;

  constructor(
    private readonly dataSource: DataSource,
    private readonly channel: string,
  ) {}

  poke(): void {
    if (this.scheduled) {
      return;
    }
    this.scheduled = true;
    setTimeout(() => {
      this.scheduled = false;
      this.dataSource
        .query(`SELECT pg_notify($1, '')`, [this.channel])
        .catch((error: Error) =>
          this.logger.warn(`${this.channel} signal not sent: ${error.message}`),
        );
    }, COALESCE_MS).unref();
  }
}

/**
 * Wakes the outbox relay after a commit that wrote events. The NOTIFY is sent in its own tiny
 * transaction, at most once per 20 ms per process: a NOTIFY inside the writing transaction
 * would serialise every intake's commit on PostgreSQL's notify lock. A lost signal (a crash
 * right after commit) costs only latency: the relay also polls.
 */
@Injectable()
export class OutboxSignal extends CoalescedNotify {
  constructor(@InjectDataSource() dataSource: DataSource) {
    super(dataSource, OUTBOX_CHANNEL);
  }
}

/** Tells the APIs' dashboard streams that the KPI consumer has changed the figures. */
@Injectable()
export class KpiAppliedSignal extends CoalescedNotify {
  constructor(@InjectDataSource() dataSource: DataSource) {
    super(dataSource, KPI_APPLIED_CHANNEL);
  }
}
