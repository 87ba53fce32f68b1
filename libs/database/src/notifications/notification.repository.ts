import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { TransactionScope } from '../consumers/consumed-event.repository';
import { queryRows } from '../repositories/postgres';

export interface NewNotification {
  userId: string;
  kind: string;
  applicationId: string | null;
  title: string;
  body: string;
  createdAt: Date;
}

export interface NotificationRecord extends NewNotification {
  id: string;
  readAt: Date | null;
  emailedAt: Date | null;
}

/** A recipient with e-mail and the notifications not yet e-mailed to them. */
export interface PendingDigest {
  userId: string;
  email: string;
  fullName: string;
  /** The oldest unsent items, at most the listing limit. */
  items: Array<{ id: string; title: string; body: string }>;
  /** Every unsent item of the recipient, listed or not; all of them up to `throughId` are covered. */
  total: number;
  throughId: string;
}

const COLUMNS = `id::text, user_id AS "userId", kind, application_id AS "applicationId", title, body,
  created_at AS "createdAt", read_at AS "readAt", emailed_at AS "emailedAt"`;

/** NOTIFY channel: notifications were added (the staff app's bell fetches its count again). */
export const NOTIFICATIONS_CHANNEL = 'notifications_added';

/** Arbitrary but fixed: the key of the advisory lock that keeps the digest on one replica. */
const DIGEST_LOCK_KEY = 7_300_002;

@Injectable()
export class NotificationRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async insertMany(scope: TransactionScope, rows: readonly NewNotification[]): Promise<number> {
    if (rows.length === 0) {
      return 0;
    }
    const inserted = await queryRows(
      scope.manager,
      `INSERT INTO notifications (user_id, kind, application_id, title, body, created_at)
       SELECT * FROM unnest($1::uuid[], $2::text[], $3::uuid[], $4::text[], $5::text[], $6::timestamptz[])
       RETURNING id`,
      [
        rows.map((r) => r.userId),
        rows.map((r) => r.kind),
        rows.map((r) => r.applicationId),
        rows.map((r) => r.title),
        rows.map((r) => r.body),
        rows.map((r) => r.createdAt),
      ],
    );
    // Inside the transaction, so PostgreSQL delivers it only once the rows are committed. Only the
    // worker inserts notifications, a few at a time: the commit-time notify lock costs nothing here.
    await queryRows(scope.manager, `SELECT pg_notify($1, '')`, [NOTIFICATIONS_CHANNEL]);
    return inserted.length;
  }

  list(userId: string, unread: boolean | null, limit = 500): Promise<NotificationRecord[]> {
    return queryRows(
      this.dataSource,
      `SELECT ${COLUMNS} FROM notifications
       WHERE user_id = $1 AND ($2::boolean IS NULL OR (read_at IS NULL) = $2)
       ORDER BY id DESC LIMIT $3`,
      [userId, unread, limit],
    );
  }

  async countUnread(userId: string): Promise<number> {
    const rows = await queryRows<{ n: number }>(
      this.dataSource,
      `SELECT count(*)::int AS n FROM notifications WHERE user_id = $1 AND read_at IS NULL`,
      [userId],
    );
    return rows[0].n;
  }

  /** Marks one of the user's notifications read; null when it is not theirs (or absent). */
  async markRead(id: string, userId: string, at: Date): Promise<NotificationRecord | null> {
    const rows = await queryRows<NotificationRecord>(
      this.dataSource,
      `UPDATE notifications SET read_at = coalesce(read_at, $3)
       WHERE id = $1 AND user_id = $2 RETURNING ${COLUMNS}`,
      [id, userId, at],
    );
    return rows[0] ?? null;
  }

  async markAllRead(userId: string, at: Date): Promise<number> {
    const rows = await queryRows(
      this.dataSource,
      `UPDATE notifications SET read_at = $2 WHERE user_id = $1 AND read_at IS NULL RETURNING id`,
      [userId, at],
    );
    return rows.length;
  }

  /**
   * Runs `work` in a transaction holding the digest's advisory lock (so two replicas never
   * mail the same items), or returns { locked: false } when another replica holds it.
   */
  withDigestLock<T>(
    work: (scope: TransactionScope) => Promise<T>,
  ): Promise<{ locked: true; result: T } | { locked: false }> {
    return this.dataSource.transaction(async (manager) => {
      const rows = await queryRows<{ locked: boolean }>(
        manager,
        `SELECT pg_try_advisory_xact_lock($1) AS locked`,
        [DIGEST_LOCK_KEY],
      );
      if (!rows[0].locked) {
        return { locked: false as const };
      }
      return { locked: true as const, result: await work(new TransactionScope(manager)) };
    });
  }

  /**
   * Recipients with an address and unsent items, with how many digests they got since `since`:
   * the oldest `listed` items each, and the count and last id of all of them (index
   * notifications_unsent), so a backlog of any size reads `listed` rows per recipient.
   */
  pendingDigests(
    scope: TransactionScope,
    since: Date,
    listed: number,
  ): Promise<Array<PendingDigest & { sentSince: number }>> {
    return queryRows(
      scope.manager,
      `SELECT u.id AS "userId", u.email, u.full_name AS "fullName",
              (SELECT count(*)::int FROM email_digests d WHERE d.user_id = u.id AND d.sent_at >= $1) AS "sentSince",
              p.total, p.through_id AS "throughId", l.items
       FROM users u
       CROSS JOIN LATERAL (
         SELECT count(*)::int AS total, max(n.id)::text AS through_id
         FROM notifications n WHERE n.user_id = u.id AND n.emailed_at IS NULL) p
       CROSS JOIN LATERAL (
         SELECT json_agg(json_build_object('id', n.id::text, 'title', n.title, 'body', n.body) ORDER BY n.id) AS items
         FROM (SELECT id, title, body FROM notifications n
               WHERE n.user_id = u.id AND n.emailed_at IS NULL ORDER BY n.id LIMIT $2) n) l
       WHERE u.active AND u.email IS NOT NULL AND p.total > 0
       ORDER BY u.id`,
      [since, listed],
    );
  }

  /**
   * Marks the recipient's unsent items up to `throughId` (what the digest covered) as e-mailed;
   * returns how many. An item whose insert took an id below `throughId` but committed after the
   * digest was read is covered without being counted in that mail: it is in the inbox.
   */
  async markEmailed(
    scope: TransactionScope,
    userId: string,
    throughId: string,
    at: Date,
  ): Promise<number> {
    const marked = await queryRows<{ id: string }>(
      scope.manager,
      `UPDATE notifications SET emailed_at = $3
       WHERE user_id = $1 AND emailed_at IS NULL AND id <= $2::bigint RETURNING id`,
      [userId, throughId, at],
    );
    await queryRows(
      scope.manager,
      `INSERT INTO email_digests (user_id, sent_at, item_count) VALUES ($1, $2, $3) RETURNING id`,
      [userId, at, marked.length],
    );
    return marked.length;
  }
}
