import { Module } from '@nestjs/common';
import { MetricsRepository, TrackingBookRepository, WorkingCalendarModule } from '@app/database';
import { ReportsService } from '../reports/reports.service';
import { KpiSummaryService } from './kpi-summary.service';
import { OnTimeMetricsService } from './on-time-metrics.service';

/** Managers' metrics and reports (read-only; Clock comes from the global CoreModule). */
@Module({
  imports: [WorkingCalendarModule],
  providers: [
    MetricsRepository,
    TrackingBookRepository,
    OnTimeMetricsService,
    KpiSummaryService,
    ReportsService,
  ],
  exports: [OnTimeMetricsService, KpiSummaryService, ReportsService],
})
export class MetricsUseCasesModule {}
