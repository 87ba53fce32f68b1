import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { queryRows } from '../repositories/postgres';
import { DbTransaction, executorOf } from './db-transaction';

export interface NewRefreshToken {
  familyId: string;
  userId: string;
  /** SHA-256 of the token: the token itself is never stored. */
  tokenHash: Buffer;
  /** The account's token version when the login started. */
  tokenVersion: number;
  createdAt: Date;
  expiresAt: Date;
}

export interface RefreshTokenRow {
  id: string;
  familyId: string;
  userId: string;
  tokenVersion: number;
  expiresAt: Date;
  rotatedAt: Date | null;
  revokedAt: Date | null;
}

/** Rotating refresh tokens, one family per login (see the migration's comment). */
@Injectable()
export class RefreshTokenRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async insert(token: NewRefreshToken, tx?: DbTransaction): Promise<void> {
    await executorOf(this.dataSource, tx).query(
      `INSERT INTO refresh_tokens (family_id, user_id, token_hash, token_version, created_at, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6)`,
      [
        token.familyId,
        token.userId,
        token.tokenHash,
        token.tokenVersion,
        token.createdAt,
        token.expiresAt,
      ],
    );
  }

  /** The token's row, locked until the transaction ends (two refreshes never both rotate it). */
  async lockByHash(tokenHash: Buffer, tx: DbTransaction): Promise<RefreshTokenRow | null> {
    const rows = await queryRows<RefreshTokenRow>(
      tx,
      `SELECT id, family_id AS "familyId", user_id AS "userId",
              token_version AS "tokenVersion", expires_at AS "expiresAt",
              rotated_at AS "rotatedAt", revoked_at AS "revokedAt"
       FROM refresh_tokens WHERE token_hash = $1 FOR UPDATE`,
      [tokenHash],
    );
    return rows[0] ?? null;
  }

  async markRotated(id: string, at: Date, tx: DbTransaction): Promise<void> {
    await tx.query(`UPDATE refresh_tokens SET rotated_at = $2 WHERE id = $1`, [id, at]);
  }

  /** The login a token belongs to, whatever its state (logout). */
  async familyOf(tokenHash: Buffer): Promise<{ familyId: string; userId: string } | null> {
    const rows = await queryRows<{ familyId: string; userId: string }>(
      this.dataSource,
      `SELECT family_id AS "familyId", user_id AS "userId" FROM refresh_tokens WHERE token_hash = $1`,
      [tokenHash],
    );
    return rows[0] ?? null;
  }

  /** Ends one login (logout, reuse of a rotated token). */
  async revokeFamily(familyId: string, at: Date, tx?: DbTransaction): Promise<void> {
    await executorOf(this.dataSource, tx).query(
      `UPDATE refresh_tokens SET revoked_at = $2 WHERE family_id = $1 AND revoked_at IS NULL`,
      [familyId, at],
    );
  }

  /** Ends every login of an account (password, role, department or status changed). */
  async revokeUser(userId: string, at: Date, tx?: DbTransaction): Promise<void> {
    await executorOf(this.dataSource, tx).query(
      `UPDATE refresh_tokens SET revoked_at = $2 WHERE user_id = $1 AND revoked_at IS NULL`,
      [userId, at],
    );
  }

  /**
   * Rows that can no longer be used by anyone (housekeeping): at most `limit` of the tokens
   * expired before `before`, oldest first (index refresh_tokens_expires).
   */
  async purgeExpired(before: Date, limit: number): Promise<number> {
    const [, count]: [unknown[], number] = await this.dataSource.query(
      `DELETE FROM refresh_tokens
       WHERE ctid = ANY(ARRAY(SELECT ctid FROM refresh_tokens WHERE expires_at < $1 ORDER BY expires_at LIMIT $2))`,
      [before, limit],
    );
    return count;
  }
}
