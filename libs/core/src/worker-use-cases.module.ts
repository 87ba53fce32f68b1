import { Module } from '@nestjs/common';
import {
  ConsumedEventRepository,
  DeadlineAlertRepository,
  ApplicationStepRepository,
  ApplicationFileRepository,
  EscalationRepository,
  HousekeepingRepository,
  OnlineSubmissionRepository,
  OnlineCheckEscalationRepository,
  PetitionAlertRepository,
  PetitionMailRepository,
  KpiFactsRepository,
  MaintenanceWatermarkRepository,
  KpiAppliedSignal,
  KpiRollupRepository,
  NotificationRepository,
  PeriodClosureRepository,
  PeriodCountsRepository,
  RefreshTokenRepository,
  SecurityAuditRepository,
  StepDeadlineAlertRepository,
  WorkingCalendarModule,
} from '@app/database';
import { Clock } from './clock/clock';
import { DeadlineAlertService } from './deadlines/deadline-alert.service';
import { DeadlineScheduleConsumer } from './deadlines/deadline-schedule.consumer';
import { DeadlineScheduleBatcher } from './deadlines/deadline-schedule-batcher';
import { DeadlineSweepService } from './deadlines/deadline-sweep.service';
import { StepDeadlineAlertService } from './deadlines/step-deadline-alert.service';
import { K1ContextProvider } from './kpi/k1-context';
import { KpiFactsService } from './kpi/kpi-facts.service';
import { KpiReconciliationService } from './kpi/kpi-reconciliation.service';
import { PeriodClosingService } from './metrics/period-closing.service';
import { KpiRollupConsumer } from './kpi/kpi-rollup.consumer';
import { KpiRollupBatcher } from './kpi/kpi-rollup-batcher';
import { EscalationService } from './escalations/escalation.service';
import { EscalationRecipients } from './escalations/escalation-recipients';
import { EmailDigestService } from './notifications/email-digest.service';
import { SecurityRetentionService } from './security/security-retention.service';
import { HousekeepingService } from './maintenance/housekeeping.service';
import { CitizenMailService } from './online/citizen-mail.service';
import { UploadRetentionService } from './online/upload-retention.service';
import { CitizenDeadlineSweepService } from './petitions/citizen-deadline-sweep.service';
import { PetitionMailService } from './petitions/petition-mail.service';

const SERVICES = [
  K1ContextProvider,
  KpiFactsService,
  KpiRollupConsumer,
  KpiRollupBatcher,
  KpiReconciliationService,
  PeriodClosingService,
  DeadlineScheduleConsumer,
  DeadlineScheduleBatcher,
  DeadlineAlertService,
  DeadlineSweepService,
  StepDeadlineAlertService,
  EscalationService,
  EmailDigestService,
  SecurityRetentionService,
  HousekeepingService,
  CitizenMailService,
  PetitionMailService,
  UploadRetentionService,
  CitizenDeadlineSweepService,
];

/**
 * What the worker's processors call: event consumers, deadline alerts and escalations, the
 * sweep, e-mail digests and the KPI reconciliation. Needs DatabaseModule and QueuesModule (JobQueues) in the app.
 */
@Module({
  imports: [WorkingCalendarModule],
  providers: [
    Clock,
    ConsumedEventRepository,
    KpiRollupRepository,
    KpiFactsRepository,
    KpiAppliedSignal,
    PeriodClosureRepository,
    PeriodCountsRepository,
    DeadlineAlertRepository,
    EscalationRepository,
    NotificationRepository,
    ApplicationStepRepository,
    StepDeadlineAlertRepository,
    SecurityAuditRepository,
    RefreshTokenRepository,
    HousekeepingRepository,
    MaintenanceWatermarkRepository,
    ApplicationFileRepository,
    OnlineSubmissionRepository,
    OnlineCheckEscalationRepository,
    PetitionAlertRepository,
    PetitionMailRepository,
    EscalationRecipients,
    ...SERVICES,
  ],
  exports: [...SERVICES, ConsumedEventRepository, Clock],
})
export class WorkerUseCasesModule {}
