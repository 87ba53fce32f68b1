import { Module } from '@nestjs/common';
import {
  MetricsRepository,
  PeriodClosureRepository,
  PeriodCountsRepository,
  PortalSyncRepository,
  TrackingBookRepository,
  StepOutcomesRepository,
  ClockExceptionsRepository,
  WorkingCalendarModule,
} from '@app/database';
import { K1ContextProvider } from '../kpi/k1-context';
import { K1PopulationService } from './k1-population.service';
import { PeriodClosingService } from './period-closing.service';
import { PeriodClosureListService } from './period-closure-list.service';
import { PeriodFiguresService } from './period-figures.service';
import { ReportsService } from '../reports/reports.service';
import { KpiSummaryService } from './kpi-summary.service';
import { OnTimeMetricsService } from './on-time-metrics.service';

/** Managers' metrics and reports (read-only; Clock comes from the global CoreModule). */
@Module({
  imports: [WorkingCalendarModule],
  providers: [
    MetricsRepository,
    PeriodCountsRepository,
    PortalSyncRepository,
    PeriodClosureRepository,
    TrackingBookRepository,
    StepOutcomesRepository,
    ClockExceptionsRepository,
    PeriodFiguresService,
    K1PopulationService,
    K1ContextProvider,
    PeriodClosingService,
    PeriodClosureListService,
    OnTimeMetricsService,
    KpiSummaryService,
    ReportsService,
  ],
  exports: [
    OnTimeMetricsService,
    KpiSummaryService,
    ReportsService,
    K1PopulationService,
    PeriodFiguresService,
    PeriodClosingService,
    PeriodClosureListService,
  ],
})
export class MetricsUseCasesModule {}
