import { Module } from '@nestjs/common';
import { WorkerUseCasesModule } from '@app/core';
import { DeadlineSweepSchedule } from './deadline-sweep.schedule';
import { KpiReconciliationSchedule } from './kpi-reconciliation.schedule';

/** Cron schedules: they only enqueue, with deterministic job ids (style rule 7). */
@Module({
  imports: [WorkerUseCasesModule],
  providers: [DeadlineSweepSchedule, KpiReconciliationSchedule],
  exports: [DeadlineSweepSchedule],
})
export class SchedulesModule {}
