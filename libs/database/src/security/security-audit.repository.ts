import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { queryRows } from '../repositories/postgres';
import { ChainRow, ChainVerdict, checkChainRun } from './audit-chain';
import { DbTransaction, executorOf } from './db-transaction';

export interface SecurityAuditEntry {
  occurredAt: Date;
  /** Dotted name, e.g. `auth.login.failed`; see SecurityEvent in libs/core. */
  event: string;
  actorId: string | null;
  actorUsername: string | null;
  /** What the event is about: `user:<id>`, `report:quarter.xlsx`, `account:<username>`… */
  subject: string | null;
  /** The client address as the API resolved it (null for commands and jobs). */
  address: string | null;
  details: Record<string, unknown>;
}

export interface SecurityAuditRow extends SecurityAuditEntry {
  id: string;
}

const VERIFY_BATCH = 5000;

/** The append-only, hash-chained security audit log (migration 1764520000000). */
@Injectable()
export class SecurityAuditRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Appends one row; in `tx` when given, so it commits or rolls back with the change. */
  async append(entry: SecurityAuditEntry, tx?: DbTransaction): Promise<string> {
    const rows = await queryRows<{ id: string }>(
      executorOf(this.dataSource, tx),
      `SELECT security_audit_append($1, $2, $3, $4, $5, $6, $7::jsonb)::text AS id`,
      [
        entry.occurredAt,
        entry.event,
        entry.actorId,
        entry.actorUsername,
        entry.subject,
        entry.address,
        JSON.stringify(entry.details),
      ],
    );
    return rows[0].id;
  }

  /** The newest rows first (tests, an administrator's look). */
  async latest(limit: number, event?: string): Promise<SecurityAuditRow[]> {
    return this.dataSource.query(
      `SELECT id::text, occurred_at AS "occurredAt", event, actor_id AS "actorId",
              actor_username AS "actorUsername", subject, address, details
       FROM security_audit_log WHERE ($2::text IS NULL OR event = $2)
       ORDER BY security_audit_log.id DESC LIMIT $1`,
      [limit, event ?? null],
    );
  }

  /**
   * Walks the whole chain in id order, PostgreSQL recomputing each row's hash with the same
   * function the append used; ends at the head (so deleting the newest rows shows too).
   */
  async verify(): Promise<ChainVerdict> {
    const anchors = new Map<string, string>();
    const anchorRows = await queryRows<{ throughId: string; lastHash: string }>(
      this.dataSource,
      `SELECT details->>'throughId' AS "throughId", details->>'lastHash' AS "lastHash"
       FROM security_audit_log WHERE event = 'audit.purged'`,
    );
    for (const a of anchorRows) {
      anchors.set(a.throughId, a.lastHash);
    }
    let last: { id: bigint; hash: Buffer } | null = null;
    let count = 0;
    for (;;) {
      const rows = await queryRows<ChainRow>(
        this.dataSource,
        `SELECT id::text, event, details, prev_hash AS "prevHash", hash,
                security_audit_row_hash(prev_hash, id, occurred_at, event, actor_id,
                  actor_username, subject, address, details) AS computed
         FROM security_audit_log WHERE security_audit_log.id > $1::bigint ORDER BY security_audit_log.id LIMIT $2`,
        [last === null ? '0' : last.id.toString(), VERIFY_BATCH],
      );
      const run = checkChainRun(rows, last, anchors);
      if (run.verdict) {
        return run.verdict;
      }
      last = run.last;
      count += rows.length;
      if (rows.length < VERIFY_BATCH) {
        break;
      }
    }
    const [head] = await queryRows<{ lastId: string; lastHash: Buffer }>(
      this.dataSource,
      `SELECT last_id::text AS "lastId", last_hash AS "lastHash" FROM security_audit_head`,
    );
    if (
      last === null
        ? head.lastId !== '0'
        : last.id.toString() !== head.lastId || !last.hash.equals(head.lastHash)
    ) {
      return {
        ok: false,
        rowId: head.lastId,
        reason: `the chain ends at row ${last?.id ?? 0} but its head records row ${head.lastId} (newest rows deleted)`,
      };
    }
    return { ok: true, rows: count, lastId: head.lastId, lastHash: head.lastHash.toString('hex') };
  }

  /**
   * Deletes rows older than `before` (the oldest run only; at most `limit` of them when given)
   * and appends the anchor row.
   */
  async purge(before: Date, now: Date, limit: number | null = null): Promise<number> {
    const rows = await queryRows<{ purged: string }>(
      this.dataSource,
      `SELECT security_audit_purge($1, $2, $3)::text AS purged`,
      [before, now, limit],
    );
    return Number(rows[0].purged);
  }
}
