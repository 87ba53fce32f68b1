import { Module } from '@nestjs/common';
import { WorkerUseCasesModule } from '@app/core';
import { OutboxRelayModule } from '@app/messaging';
import { WorkerMetricsController } from './worker-metrics.controller';

@Module({
  imports: [WorkerUseCasesModule, OutboxRelayModule],
  controllers: [WorkerMetricsController],
})
export class WorkerMetricsModule {}
