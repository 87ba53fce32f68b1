import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

export const OUTBOX_CHANNEL = 'outbox_events';
/** Signals within this window share one NOTIFY. */
const COALESCE_MS = 20;

/**
 * Wakes the outbox relay after a commit that wrote events. The NOTIFY is sent in its own tiny
 * transaction, at most once per 20 ms per process: a NOTIFY inside the writing transaction
 * would serialise every intake's commit on PostgreSQL's notify lock. A lost signal (a crash
 * right after commit) costs only latency: the relay also polls.
 */
@Injectable()
export class OutboxSignal {
  private readonly logger = new Logger(OutboxSignal.name);
  private scheduled = false;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  poke(): void {
    if (this.scheduled) {
      return;
    }
    this.scheduled = true;
    setTimeout(() => {
      this.scheduled = false;
      this.dataSource
        .query(`SELECT pg_notify($1, '')`, [OUTBOX_CHANNEL])
        .catch((error: Error) => this.logger.warn(`outbox signal not sent: ${error.message}`));
    }, COALESCE_MS).unref();
  }
}
