import { Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { RecentWrites } from './recent-writes';
import { ReplicaReadsInterceptor } from './replica-reads.interceptor';

/** Reads of @ReplicaReads() routes on the replica, with read-your-writes (DATABASE_READ_URL). */
@Module({
  providers: [RecentWrites, { provide: APP_INTERCEPTOR, useClass: ReplicaReadsInterceptor }],
})
export class ReplicaModule {}
