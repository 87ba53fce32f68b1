import { Module } from '@nestjs/common';
import { WorkingCalendarModule } from '@app/database';
import { CalendarController } from './calendar.controller';
import { CalendarService } from './calendar.service';

@Module({
  imports: [WorkingCalendarModule],
  controllers: [CalendarController],
  providers: [CalendarService],
})
export class CalendarModule {}
