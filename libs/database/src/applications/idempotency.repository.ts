import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';

export type IdempotencyClaim =
  | { kind: 'claimed' }
  | { kind: 'replay'; requestHash: string; statusCode: number; response: unknown };

@Injectable()
export class IdempotencyRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Runs `work` once per (user, key): the key row is inserted in the same transaction as the
   * work, so a concurrent request with the same key waits on the unique index and then replays.
   */
  async once<T>(
    userId: string,
    key: string,
    requestHash: string,
    work: (manager: EntityManager) => Promise<{ statusCode: number; response: T }>,
  ): Promise<IdempotencyClaim | { kind: 'done'; statusCode: number; response: T }> {
    return this.dataSource.transaction(async (manager) => {
      const claimed: unknown[] = await manager.query(
        `INSERT INTO idempotency_keys (user_id, key, request_hash) VALUES ($1, $2, $3)
         ON CONFLICT (user_id, key) DO NOTHING RETURNING key`,
        [userId, key, requestHash],
      );
      if (claimed.length === 0) {
        const rows: Array<{ requestHash: string; statusCode: number; response: unknown }> =
          await manager.query(
            `SELECT request_hash AS "requestHash", status_code AS "statusCode", response FROM idempotency_keys
           WHERE user_id = $1 AND key = $2`,
            [userId, key],
          );
        return { kind: 'replay' as const, ...rows[0] };
      }
      const result = await work(manager);
      await manager.query(
        `UPDATE idempotency_keys SET status_code = $3, response = $4::jsonb WHERE user_id = $1 AND key = $2`,
        [userId, key, result.statusCode, JSON.stringify(result.response)],
      );
      return { kind: 'done' as const, ...result };
    });
  }
}
