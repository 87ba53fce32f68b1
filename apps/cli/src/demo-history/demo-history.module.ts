import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig, AppConfigModule } from '@app/config';
import {
  ApplicationRepository,
  ConsumedEventRepository,
  dataSourceOptions,
  IdempotencyRepository,
  KpiFactsRepository,
  KpiAppliedSignal,
  KpiRollupRepository,
  OutboxRepository,
  OutboxSignal,
  ResultDocumentRepository,
  SatisfactionRatingRepository,
  WorkingCalendarModule,
} from '@app/database';
import { StorageModule } from '@app/storage';
import {
  ActionOfferService,
  Clock,
  IntakeService,
  K1ContextProvider,
  KpiFactsService,
  KpiRollupConsumer,
  ResultSignatureGate,
  SignatureTrustService,
  TransitionService,
} from '@app/core';
import { DemoClock } from './demo-clock';
import { DemoHistoryRepository } from './demo-history.repository';

/**
 * The context the demo history runs in: the real intake and transition use cases and the real
 * KPI consumer, with the one Clock replaced. Not CoreModule/WorkerUseCasesModule themselves:
 * each provides its own Clock (which would win over an override here), and the worker's needs
 * Redis for its queues, which the history does not touch.
 */
@Module({})
export class DemoHistoryModule {
  static register(config: AppConfig, clock: DemoClock): DynamicModule {
    return {
      module: DemoHistoryModule,
      imports: [
        AppConfigModule.forRoot(config),
        TypeOrmModule.forRoot({
          ...dataSourceOptions(config),
          // Demo rows can be regenerated, so their commits need not wait for the disk: this
          // is most of the history's run time on a small machine. Only these connections.
          extra: { max: 8, options: '-c synchronous_commit=off' },
        }),
        WorkingCalendarModule,
        StorageModule,
      ],
      providers: [
        { provide: Clock, useValue: clock },
        ApplicationRepository,
        OutboxSignal,
        IdempotencyRepository,
        ActionOfferService,
        IntakeService,
        TransitionService,
        ConsumedEventRepository,
        KpiRollupRepository,
        KpiFactsRepository,
        KpiAppliedSignal,
        K1ContextProvider,
        KpiFactsService,
        KpiRollupConsumer,
        OutboxRepository,
        DemoHistoryRepository,
        SatisfactionRatingRepository,
        // mark-result-ready checks the result's signature (none in the demo: K6 counts 0).
        ResultDocumentRepository,
        SignatureTrustService,
        ResultSignatureGate,
      ],
    };
  }
}
