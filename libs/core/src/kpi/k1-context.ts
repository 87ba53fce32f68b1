import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@app/config';
import type { K1Context, K1Settings } from '@app/domain';
import { WorkingCalendarService } from '@app/database';

/** The K1 settings in force (configuration) and the working calendar: what every K1 path uses. */
@Injectable()
export class K1ContextProvider {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(WorkingCalendarService) private readonly calendars: WorkingCalendarService,
  ) {}

  settings(): K1Settings {
    return {
      granularity: this.config.rules.k1Granularity,
      paymentPausesClock: this.config.rules.paymentPausesClock,
      deadlinePolicy: this.calendars.deadlinePolicy(),
    };
  }

  /** Read before opening a transaction: a calendar refresh takes a pooled connection of its own. */
  async context(): Promise<K1Context> {
    return { settings: this.settings(), calendar: await this.calendars.current() };
  }
}
