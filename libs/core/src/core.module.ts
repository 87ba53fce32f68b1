import { Global, Module } from '@nestjs/common';
import {
  ApplicationFileRepository,
  ApplicationRepository,
  ApplicationStepRepository,
  IdempotencyRepository,
  OnlineSubmissionRepository,
  OutboxSignal,
  PetitionRepository,
  SatisfactionRatingRepository,
  WorkingCalendarModule,
} from '@app/database';
import { ActionOfferService } from './applications/action-offer.service';
import { ApplicationQueryService } from './applications/application-query.service';
import { ApplicationStepsService } from './applications/application-steps.service';
import { IntakeService } from './applications/intake.service';
import { TransitionService } from './applications/transition.service';
import { Clock } from './clock/clock';
import { SatisfactionRatingService } from './ratings/satisfaction-rating.service';
import { ApplicationFilesService } from './online/application-files.service';
import { OnlineSubmissionService } from './online/online-submission.service';
import { PetitionService } from './petitions/petition.service';

/** Use cases shared by the API and the worker. */
@Global()
@Module({
  imports: [WorkingCalendarModule],
  providers: [
    Clock,
    ActionOfferService,
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
    ApplicationFileRepository,
    OnlineSubmissionRepository,
    ApplicationFilesService,
    OnlineSubmissionService,
    PetitionRepository,
    PetitionService,
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
    ApplicationFilesService,
    OnlineSubmissionService,
    PetitionService,
  ],
})
export class CoreModule {}
