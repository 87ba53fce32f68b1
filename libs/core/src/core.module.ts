import { Global, Module } from '@nestjs/common';
import {
  ApplicationRepository,
  ApplicationStepRepository,
  IdempotencyRepository,
  OutboxSignal,
  SatisfactionRatingRepository,
  WorkingCalendarModule,
} from '@app/database';
import { ApplicationQueryService } from './applications/application-query.service';
import { ApplicationStepsService } from './applications/application-steps.service';
import { IntakeService } from './applications/intake.service';
import { TransitionService } from './applications/transition.service';
import { Clock } from './clock/clock';
import { SatisfactionRatingService } from './ratings/satisfaction-rating.service';

/** Use cases shared by the API and the worker. */
@Global()
@Module({
  imports: [WorkingCalendarModule],
  providers: [
    Clock,
    ApplicationRepository,
    OutboxSignal,
    IdempotencyRepository,
    IntakeService,
    TransitionService,
    ApplicationQueryService,
    ApplicationStepRepository,
    ApplicationStepsService,
    SatisfactionRatingRepository,
    SatisfactionRatingService,
  ],
  exports: [
    Clock,
    WorkingCalendarModule,
    IntakeService,
    TransitionService,
    ApplicationQueryService,
    ApplicationRepository,
    ApplicationStepsService,
    SatisfactionRatingService,
  ],
})
export class CoreModule {}
