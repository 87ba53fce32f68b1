import { Module } from '@nestjs/common';
import { WorkerUseCasesModule } from '@app/core';
import { DeadlineSweepSchedule } from './deadline-sweep.schedule';
import { KpiReconciliationSchedule } from './kpi-reconciliation.schedule';
import { PeriodClosingSchedule } from './period-closing.schedule';
import { EmailDigestSchedule } from './email-digest.schedule';
import { SecurityRetentionSchedule } from './security-retention.schedule';
import { PortalReconciliationSchedule } from './portal-reconciliation.schedule';
import { HousekeepingSchedule } from './housekeeping.schedule';

/** Cron schedules: they only enqueue, with deterministic job ids (style rule 7). */
@Module({
  imports: [WorkerUseCasesModule],
  providers: [
    DeadlineSweepSchedule,
    KpiReconciliationSchedule,
    PeriodClosingSchedule,
    EmailDigestSchedule,
    SecurityRetentionSchedule,
    PortalReconciliationSchedule,
    HousekeepingSchedule,
  ],
  exports: [DeadlineSweepSchedule, EmailDigestSchedule],
})
export class SchedulesModule {}
