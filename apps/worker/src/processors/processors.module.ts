import { Module } from '@nestjs/common';
import { PortalSyncModule, PostalDispatchModule, WorkerUseCasesModule } from '@app/core';
import { PROCESSORS } from './job-handler.check';

/** One processor per queue (style rule 6); QueuesModule registers the queues themselves. */
@Module({
  imports: [WorkerUseCasesModule, PortalSyncModule, PostalDispatchModule],
  providers: [...PROCESSORS],
})
export class ProcessorsModule {}
