import { Module } from '@nestjs/common';
import { MetricsUseCasesModule } from '@app/core';
import { OutboxNotifications } from '@app/database';
import { MetricsController } from './metrics.controller';
import { MetricsStreamController } from './metrics-stream.controller';
import { MetricsStreamHub } from './metrics-stream.hub';
import { PeriodsController } from './periods.controller';
import { ReportsController } from './reports.controller';
import { StreamTicketService } from './stream-ticket.service';

@Module({
  imports: [MetricsUseCasesModule],
  controllers: [MetricsController, PeriodsController, MetricsStreamController, ReportsController],
  providers: [MetricsStreamHub, StreamTicketService, OutboxNotifications],
})
export class MetricsModule {}
