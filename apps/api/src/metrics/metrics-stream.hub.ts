import { Inject, Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@app/config';
import { OutboxNotifications } from '@app/database';
import { DomainError, DomainErrorCode } from '@app/domain';
import type { ServerResponse } from 'node:http';
import { AccountStateCache, matches } from '../auth/account-state.cache';
import { AuthUser } from '../auth/auth-user';

/** At most one message per second per client. */
export const STREAM_THROTTLE_MS = 1_000;
/** A comment line now and then keeps proxies from closing an idle stream. */
export const STREAM_HEARTBEAT_MS = 25_000;
/** How often the accounts behind open streams are read again (one query for all). */
export const STREAM_ACCOUNT_CHECK_MS = 1_000;

interface Client {
  out: ServerResponse;
  user: AuthUser;
  lastSentAt: number;
  pending: NodeJS.Timeout | null;
}

/**
 * Fans "applications changed" out to the dashboards' server-sent-event streams. The signals are
 * PostgreSQL's NOTIFY on outbox_events, which every writer sends after its commit (lists, the
 * at-risk applications), and on kpi_applied, which the KPI consumer sends once it has applied a
 * batch (the figures — they follow the worker by a fraction of a second): the LISTEN
 * connection is opened with the first stream and closed with the last, so an API nobody watches
 * holds no extra connection. Each client gets at most one message per second (a burst of
 * changes becomes one trailing message) and a heartbeat comment every 25 s.
 */
@Injectable()
export class MetricsStreamHub implements OnModuleDestroy {
  private readonly logger = new Logger(MetricsStreamHub.name);
  private readonly clients = new Set<Client>();
  private heartbeat: NodeJS.Timeout | null = null;
  private accountCheck: NodeJS.Timeout | null = null;
  private listening = false;
  private closed = false;

  constructor(
    @Inject(OutboxNotifications) private readonly notifications: OutboxNotifications,
    @Inject(AccountStateCache) private readonly accounts: AccountStateCache,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** What wakes the streams: the dashboards' writers and KPI batches. */
  protected listenTo(): { withKpi?: boolean; channels?: readonly string[] } {
    return { withKpi: true };
  }

  get size(): number {
    return this.clients.size;
  }

  /** Refuses a stream beyond the per-user cap (STREAM_MAX_PER_USER, in this process). */
  assertRoomFor(user: AuthUser): void {
    const max = this.config.security.streamMaxPerUser;
    if ([...this.clients].filter((c) => c.user.id === user.id).length >= max) {
      throw new DomainError(
        DomainErrorCode.RateLimited,
        `Quá nhiều luồng cập nhật đang mở cho tài khoản này (tối đa ${max}); hãy đóng bớt các tab bảng điều khiển`,
      );
    }
  }

  /** Takes over an open response: writes the SSE headers and keeps it until either side ends. */
  attach(out: ServerResponse, user: AuthUser): void {
    if (this.closed) {
      out.writeHead(503).end();
      return;
    }
    out.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    // Tell EventSource how long to wait before reconnecting, and show the stream is open.
    out.write('retry: 5000\n: connected\n\n');
    const client: Client = { out, user, lastSentAt: 0, pending: null };
    this.clients.add(client);
    out.on('close', () => this.detach(client));
    this.startShared();
  }

  async onModuleDestroy(): Promise<void> {
    this.closed = true;
    for (const client of [...this.clients]) {
      client.out.end();
      this.detach(client);
    }
    await this.stopShared();
  }

  private detach(client: Client): void {
    if (client.pending) {
      clearTimeout(client.pending);
    }
    if (this.clients.delete(client) && this.clients.size === 0) {
      void this.stopShared();
    }
  }

  private startShared(): void {
    if (!this.listening) {
      this.listening = true;
      this.notifications.start(() => this.changed(), this.listenTo());
    }
    this.heartbeat ??= setInterval(() => {
      for (const client of this.clients) {
        client.out.write(': heartbeat\n\n');
      }
    }, STREAM_HEARTBEAT_MS);
    this.accountCheck ??= setInterval(() => void this.closeRevoked(), STREAM_ACCOUNT_CHECK_MS);
  }

  /**
   * Ends the streams whose account was deactivated, changed or logged out everywhere (token
   * version bumped) since they opened: one read of all their accounts a second.
   */
  private async closeRevoked(): Promise<void> {
    const ids = [...new Set([...this.clients].map((c) => c.user.id))];
    if (ids.length === 0) {
      return;
    }
    let states;
    try {
      states = await this.accounts.currentStates(ids);
    } catch (error) {
      this.logger.warn(`stream account check failed: ${(error as Error).message}`);
      return;
    }
    for (const client of [...this.clients]) {
      if (!matches(client.user, states.get(client.user.id) ?? null)) {
        client.out.write('event: revoked\ndata: {"type":"revoked"}\n\n');
        client.out.end();
        this.detach(client);
      }
    }
  }

  private async stopShared(): Promise<void> {
    if (this.heartbeat) {
      clearInterval(this.heartbeat);
      this.heartbeat = null;
    }
    if (this.accountCheck) {
      clearInterval(this.accountCheck);
      this.accountCheck = null;
    }
    if (this.listening) {
      this.listening = false;
      await this.notifications.stop();
    }
  }

  private changed(): void {
    const now = Date.now();
    for (const client of this.clients) {
      if (client.pending) {
        continue; // a trailing message is already due: it will carry this change too
      }
      const wait = client.lastSentAt + STREAM_THROTTLE_MS - now;
      if (wait <= 0) {
        this.send(client);
      } else {
        client.pending = setTimeout(() => {
          client.pending = null;
          this.send(client);
        }, wait);
      }
    }
  }

  private send(client: Client): void {
    if (!this.clients.has(client)) {
      return;
    }
    client.lastSentAt = Date.now();
    const at = new Date(client.lastSentAt).toISOString();
    client.out.write(`data: ${JSON.stringify({ type: 'changed', at })}\n\n`);
  }
}
