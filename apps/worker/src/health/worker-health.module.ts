import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { RedisHealthIndicator } from '@app/messaging';
import { WorkerHealthController } from './worker-health.controller';

@Module({
  imports: [TerminusModule],
  controllers: [WorkerHealthController],
  providers: [RedisHealthIndicator],
})
export class WorkerHealthModule {}
