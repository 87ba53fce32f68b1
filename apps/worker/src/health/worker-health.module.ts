import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { WorkerHealthController } from './worker-health.controller';

@Module({ imports: [TerminusModule], controllers: [WorkerHealthController] })
export class WorkerHealthModule {}
