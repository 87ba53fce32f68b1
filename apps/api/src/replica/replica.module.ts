import { DynamicModule, Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import type { AppConfig } from '@app/config';
import { RecentWrites } from './recent-writes';
import { ReplicaReadsInterceptor } from './replica-reads.interceptor';

/**
 * Reads of @ReplicaReads() routes on the replica, with read-your-writes (DATABASE_READ_URL).
 * Without a replica no interceptor is registered at all: a global interceptor, even one that
 * does nothing, costs every request Nest's interceptor chain (two AsyncResource binds and an
 * Observable; about 2 % of the intake path's CPU, profiled).
 */
@Module({})
export class ReplicaModule {
  static register(config: AppConfig): DynamicModule {
    return {
      module: ReplicaModule,
      providers: config.database.readUrl
        ? [RecentWrites, { provide: APP_INTERCEPTOR, useClass: ReplicaReadsInterceptor }]
        : [],
    };
  }
}
