import { DynamicModule, Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { APP_CONFIG, AppConfig } from '@app/config';
import { dataSourceOptions } from './data-source-options';
import { ReadReplica } from './replica/read-replica';

/**
 * The TypeORM connection for an app, and its read replica if any; repositories are registered
 * by the modules that use them.
 */
@Global()
@Module({})
export class DatabaseModule {
  static forRoot(): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [
        TypeOrmModule.forRootAsync({
          inject: [APP_CONFIG],
          useFactory: (config: AppConfig) =>
            dataSourceOptions(config, { statementTimeoutMs: config.database.statementTimeoutMs }),
        }),
      ],
      // The replica of DATABASE_READ_URL (a no-op without it) for the read-only paths.
      providers: [ReadReplica],
      exports: [TypeOrmModule, ReadReplica],
    };
  }
}
