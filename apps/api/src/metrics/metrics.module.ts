import { Module } from '@nestjs/common';
import { MetricsUseCasesModule } from '@app/core';
import { MetricsController } from './metrics.controller';
import { ReportsController } from './reports.controller';

@Module({
  imports: [MetricsUseCasesModule],
  controllers: [MetricsController, ReportsController],
})
export class MetricsModule {}
