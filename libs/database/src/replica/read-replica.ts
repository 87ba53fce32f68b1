import { AsyncLocalStorage } from 'node:async_hooks';
import { Inject, Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { APP_CONFIG, AppConfig } from '@app/config';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../data-source-options';
import { lsnToBigInt } from './lsn';
import { ReplayCoverage } from './replay-coverage';

/** How often the replica's progress is compared with the primary's WAL position. */
const PROGRESS_POLL_MS = 200;

interface ReadContext {
  replica: boolean;
}

/**
 * The streaming replica of DATABASE_READ_URL, for the read-only paths (metrics, reports, lists,
 * the dashboard). Repositories of those paths ask `source()` for their DataSource: the replica
 * only inside `onReplica(...)` (entered by the API for a request that may read it) and only
 * while the replica is fresh enough; the primary everywhere else (writes, the worker, tools).
 *
 * Freshness is measured, not assumed: every PROGRESS_POLL_MS the primary's WAL position is
 * read (pg_current_wal_lsn) with the time just before, and the replica's replay position
 * (pg_last_wal_replay_lsn); see ReplayCoverage. A user whose last write is older than the
 * coverage may read the replica (read-your-writes; the API keeps the users' last writes).
 */
@Injectable()
export class ReadReplica implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(ReadReplica.name);
  private readonly context = new AsyncLocalStorage<ReadContext>();
  private replica: DataSource | null = null;
  private timer: NodeJS.Timeout | null = null;
  private readonly coverage = new ReplayCoverage();
  private polling = false;
  private warned = false;
  /** The last poll reached both servers (a replica that stops answering is left at once). */
  private healthy = false;
  private stopped = false;

  constructor(
    @InjectDataSource() private readonly primary: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Whether a replica is configured at all (DATABASE_READ_URL). */
  get configured(): boolean {
    return this.config.database.readUrl !== null;
  }

  async onModuleInit(): Promise<void> {
    const url = this.config.database.readUrl;
    if (!url) {
      return;
    }
    this.replica = new DataSource(
      dataSourceOptions(this.config, {
        url,
        statementTimeoutMs: this.config.database.statementTimeoutMs,
      }),
    );
    // A replica that does not answer at boot must not stop the API: reads go to the primary.
    await this.replica.initialize().catch((error: Error) => {
      this.logger.warn(`read replica unreachable at start (${error.message}); reading the primary`);
    });
    this.timer = setInterval(() => void this.poll(), PROGRESS_POLL_MS);
    this.timer.unref();
    await this.poll();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.timer) {
      clearInterval(this.timer);
    }
    if (this.replica?.isInitialized) {
      await this.replica.destroy();
    }
  }

  /** Runs `work` with the replica allowed for the reads that ask `source()`. */
  onReplica<T>(work: () => T): T {
    return this.context.run({ replica: true }, work);
  }

  /** Epoch ms: every transaction committed before it is visible on the replica (0: none known). */
  coveredUntil(): number {
    return this.fresh() ? this.coverage.coversUntil : 0;
  }

  /** The DataSource a read-only query of the current context should use. */
  source(): DataSource {
    if (this.context.getStore()?.replica && this.replica?.isInitialized && this.fresh()) {
      return this.replica;
    }
    return this.primary;
  }

  /** Whether this context reads the replica now (for tests and logs). */
  readsReplica(): boolean {
    return this.source() !== this.primary;
  }

  private fresh(): boolean {
    return (
      this.healthy && Date.now() - this.coverage.coversUntil <= this.config.database.readMaxLagMs
    );
  }

  private async poll(): Promise<void> {
    if (this.polling || !this.replica || this.stopped) {
      return;
    }
    this.polling = true;
    try {
      if (!this.replica.isInitialized) {
        await this.replica.initialize();
      }
      const at = Date.now();
      const [primary] = await this.primary.query<Array<{ lsn: string }>>(
        `SELECT pg_current_wal_lsn()::text AS lsn`,
      );
      this.coverage.sampled(at, lsnToBigInt(primary.lsn));
      const [replica] = await this.replica.query<Array<{ lsn: string | null }>>(
        `SELECT pg_last_wal_replay_lsn()::text AS lsn`,
      );
      if (replica.lsn === null) {
        throw new Error('DATABASE_READ_URL is not a standby (pg_last_wal_replay_lsn is null)');
      }
      this.coverage.replayed(lsnToBigInt(replica.lsn));
      this.coverage.forgetBefore(Date.now() - 2 * this.config.database.readMaxLagMs);
      this.healthy = true;
      this.warned = false;
    } catch (error) {
      this.healthy = false;
      if (!this.warned) {
        this.warned = true;
        this.logger.warn(
          `read replica not usable (${(error as Error).message}); reading the primary`,
        );
      }
    } finally {
      this.polling = false;
    }
  }
}
