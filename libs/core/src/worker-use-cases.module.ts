import { Module } from '@nestjs/common';
import {
  ConsumedEventRepository,
  DeadlineAlertRepository,
  KpiRollupRepository,
  WorkingCalendarModule,
} from '@app/database';
import { Clock } from './clock/clock';
import { DeadlineAlertService } from './deadlines/deadline-alert.service';
import { DeadlineScheduleConsumer } from './deadlines/deadline-schedule.consumer';
import { DeadlineSweepService } from './deadlines/deadline-sweep.service';
import { KpiReconciliationService } from './kpi/kpi-reconciliation.service';
import { KpiRollupConsumer } from './kpi/kpi-rollup.consumer';

const SERVICES = [
  KpiRollupConsumer,
  KpiReconciliationService,
  DeadlineScheduleConsumer,
  DeadlineAlertService,
  DeadlineSweepService,
];

/**
 * What the worker's processors call: event consumers, deadline alerts, the sweep and the KPI
 * reconciliation. Needs DatabaseModule and QueuesModule (JobQueues) in the app.
 */
@Module({
  imports: [WorkingCalendarModule],
  providers: [
    Clock,
    ConsumedEventRepository,
    KpiRollupRepository,
    DeadlineAlertRepository,
    ...SERVICES,
  ],
  exports: [...SERVICES, ConsumedEventRepository, Clock],
})
export class WorkerUseCasesModule {}
