import { AppConfig } from '@app/config';
import { DataSourceOptions } from 'typeorm';
import { MIGRATIONS } from './migrations';

/** The one TypeORM configuration: used by the apps, the migration CLI and the tests. */
export function dataSourceOptions(
  config: AppConfig,
  overrides: { url?: string; poolSize?: number; statementTimeoutMs?: number } = {},
): DataSourceOptions {
  return {
    type: 'postgres',
    url: overrides.url ?? config.database.url,
    // No entities: repositories write their SQL (docs/typeorm.md).
    entities: [],
    migrations: MIGRATIONS,
    migrationsTableName: 'typeorm_migrations',
    // Schema changes go through migrations only.
    synchronize: false,
    migrationsRun: false,
    extra: {
      max: overrides.poolSize ?? config.database.poolSize,
      // A pool that cannot hand out a connection fails the request (503), it never hangs it.
      connectionTimeoutMillis: config.database.connectionTimeoutMs,
      // Only the apps bound their statements (DatabaseModule): a migration may take long.
      ...(overrides.statementTimeoutMs ? { statement_timeout: overrides.statementTimeoutMs } : {}),
    },
  };
}
