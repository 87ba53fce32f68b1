import { Module } from '@nestjs/common';
import { WorkerUseCasesModule } from '@app/core';
import { PROCESSORS } from './job-handler.check';

/** One processor per queue (style rule 6); QueuesModule registers the queues themselves. */
@Module({ imports: [WorkerUseCasesModule], providers: [...PROCESSORS] })
export class ProcessorsModule {}
