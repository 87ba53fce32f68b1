import { Module } from '@nestjs/common';
import { CalendarOverrideRepository } from '../repositories/calendar-override.repository';
import { WorkingCalendarService } from './working-calendar.service';

/**
 * The calendar for any module that computes deadlines: import it and inject
 * WorkingCalendarService (current(), deadlinePolicy()). Needs DatabaseModule.forRoot() and the
 * config module in the app.
 */
@Module({
  providers: [CalendarOverrideRepository, WorkingCalendarService],
  exports: [CalendarOverrideRepository, WorkingCalendarService],
})
export class WorkingCalendarModule {}
