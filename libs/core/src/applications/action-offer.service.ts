import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@app/config';
import type { OfferRules } from '@app/domain';
import { WorkingCalendarService } from '@app/database';
import { Clock } from '../clock/clock';

/** The limits and the time availableActions are judged with (see offeredActions). */
@Injectable()
export class ActionOfferService {
  constructor(
    @Inject(WorkingCalendarService) private readonly calendars: WorkingCalendarService,
    @Inject(Clock) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async rules(): Promise<OfferRules> {
    const {
      maxSupplementRequests,
      maxApologies,
      abandonmentWorkingDays,
      supplementRequestWindowWorkingDays,
    } = this.config.rules;
    return {
      maxSupplementRequests,
      maxApologies,
      abandonmentWorkingDays,
      supplementRequestWindowWorkingDays,
      now: this.clock.now(),
      calendar: await this.calendars.current(),
      policy: this.calendars.deadlinePolicy(),
    };
  }
}
