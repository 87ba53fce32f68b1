import type { QueryConfig, QueryResult as PgResult, QueryResultRow } from 'pg';
import { DataSource, EntityManager, QueryResult } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';
import type { PostgresQueryRunner } from 'typeorm/driver/postgres/PostgresQueryRunner';
import { ApplicationStatus, OPEN_STATUSES } from '@app/domain';

/** SQLSTATE codes this library translates into domain errors. */
export const PG_UNIQUE_VIOLATION = '23505';
export const PG_FOREIGN_KEY_VIOLATION = '23503';

/**
 * The rows a statement returned, whatever its command: TypeORM's plain `query()` answers
 * UPDATE and DELETE with `[rows, count]` but SELECT and INSERT with `rows`, a trap with
 * `RETURNING`. Inside a transaction pass its EntityManager.
 */
export async function queryRows<T>(
  db: DataSource | EntityManager,
  sql: string,
  params: unknown[] = [],
): Promise<T[]> {
  if (db instanceof EntityManager && db.queryRunner) {
    const result: QueryResult = await db.queryRunner.query(sql, params, true);
    return (result.records ?? []) as T[];
  }
  const source = db instanceof EntityManager ? db.connection : db;
  const runner = source.createQueryRunner();
  try {
    const result: QueryResult = await runner.query(sql, params, true);
    return (result.records ?? []) as T[];
  } finally {
    await runner.release();
  }
}

/** SQLSTATE and constraint of a failed statement (TypeORM copies them from the driver). */
export function pgErrorInfo(error: unknown): { code?: string; constraint?: string } {
  const e = error as Record<string, unknown> & { driverError?: Record<string, unknown> };
  const field = (name: 'code' | 'constraint') => {
    const value = e?.driverError?.[name] ?? e?.[name];
    return typeof value === 'string' ? value : undefined;
  };
  return { code: field('code'), constraint: field('constraint') };
}

export function isUniqueViolation(error: unknown, constraint: string): boolean {
  const info = pgErrorInfo(error);
  return info.code === PG_UNIQUE_VIOLATION && info.constraint === constraint;
}

/** The outcome of an update guarded by an optimistic version. */
export type VersionedUpdate<T> =
  { status: 'updated'; record: T } | { status: 'stale'; current: T } | { status: 'not_found' };

const KNOWN_STATUSES = new Set<string>(Object.values(ApplicationStatus));

/**
 * The parenthesised SQL list of string literals for `status IN ...`, built from a status list
 * defined in libs/domain, so SQL never carries its own copy of a rule. Literals rather than a parameter
 * so that the planner can match partial indexes whose predicate is the same list.
 */
export function sqlStatusList(statuses: readonly ApplicationStatus[]): string {
  if (statuses.length === 0) {
    throw new RangeError('sqlStatusList needs at least one status');
  }
  for (const status of statuses) {
    if (!KNOWN_STATUSES.has(status)) {
      throw new RangeError(`not an application status: ${String(status)}`);
    }
  }
  return `(${statuses.map((s) => `'${s}'`).join(', ')})`;
}

/**
 * `status IN (...)` for the open statuses among `statuses`, as ONE list. Written as two
 * conditions (open AND among), the planner multiplied their selectivities as if independent:
 * at 10 M applications it expected 129 of the 51 k open ones with a running clock, walked
 * applications_status and sorted them all (the deadline sweep's page: 491 ms); one list keeps
 * the estimate, and still implies the open-status partial indexes' predicate (19 ms through
 * applications_open_due in due order).
 */
export function sqlOpenStatusList(statuses: readonly ApplicationStatus[]): string {
  return sqlStatusList(OPEN_STATUSES.filter((status) => statuses.includes(status)));
}

/** What a pg Pool and a pg PoolClient have in common. */
interface PgQueryable {
  query<T extends QueryResultRow>(config: QueryConfig): Promise<PgResult<T>>;
}

/**
 * A hot statement straight on the pg driver (the transaction's connection when `manager` is
 * given, else the pool), skipping TypeORM's query wrapper, and named (server-side prepared,
 * planned once per connection) unless `named` is false — behind PgBouncer < 1.21
 * (DATABASE_NAMED_STATEMENTS, docs/scaling.md).
 */
export async function pgStatement<T extends QueryResultRow>(
  dataSource: DataSource,
  manager: EntityManager | undefined,
  statement: { name: string; text: string; values: unknown[] },
  named: boolean,
): Promise<T[]> {
  const connection = manager
    ? ((await (manager.queryRunner as PostgresQueryRunner).connect()) as PgQueryable)
    : ((dataSource.driver as PostgresDriver).master as PgQueryable);
  const { name, text, values } = statement;
  const result = await connection.query<T>(named ? { name, text, values } : { text, values });
  return result.rows;
}
