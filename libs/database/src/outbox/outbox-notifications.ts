import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@app/config';
import { Client } from 'pg';
import { KPI_APPLIED_CHANNEL, OUTBOX_CHANNEL } from './outbox-signal';

/**
 * LISTEN outbox_events (and, for the dashboards, kpi_applied) on a dedicated connection (a pooled one cannot hold a LISTEN). The
 * connection is re-opened after any error with a growing pause, and `onWake` is called on every
 * (re)connect too, because notifications sent while it was down are lost.
 */
@Injectable()
export class OutboxNotifications {
  private readonly logger = new Logger(OutboxNotifications.name);
  private client: Client | null = null;
  private stopped = true;
  private retryTimer: NodeJS.Timeout | null = null;
  private failures = 0;
  private channels: readonly string[] = [OUTBOX_CHANNEL];

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  /**
   * `withKpi`: also wake when the KPI consumer has applied a batch — the moment the figures
   * (not only the applications) have changed. `channels`: exactly these channels instead.
   */
  start(
    onWake: () => void,
    options: { withKpi?: boolean; channels?: readonly string[] } = {},
  ): void {
    this.stopped = false;
    this.channels =
      options.channels ??
      (options.withKpi ? [OUTBOX_CHANNEL, KPI_APPLIED_CHANNEL] : [OUTBOX_CHANNEL]);
    void this.connect(onWake);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.retryTimer) {
      clearTimeout(this.retryTimer);
    }
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => undefined);
  }

  private async connect(onWake: () => void): Promise<void> {
    if (this.stopped) {
      return;
    }
    // Bypasses any pooler: PgBouncer in transaction mode delivers no notifications.
    const client = new Client({ connectionString: this.config.database.directUrl });
    this.client = client;
    let retried = false;
    const retry = (error?: Error) => {
      if (retried || this.stopped) {
        return;
      }
      retried = true;
      this.failures += 1;
      const pause = Math.min(500 * 2 ** this.failures, 30_000);
      this.logger.warn(
        `LISTEN connection lost (${error?.message ?? 'ended'}); retrying in ${pause} ms`,
      );
      void client.end().catch(() => undefined);
      this.retryTimer = setTimeout(() => void this.connect(onWake), pause);
    };
    client.on('error', retry);
    client.on('end', () => retry());
    client.on('notification', (message) => {
      if (this.channels.includes(message.channel)) {
        onWake();
      }
    });
    try {
      await client.connect();
      for (const channel of this.channels) {
        await client.query(`LISTEN ${channel}`);
      }
      this.failures = 0;
      onWake();
    } catch (error) {
      retry(error as Error);
    }
  }
}
