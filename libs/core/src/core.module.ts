import { Global, Module } from '@nestjs/common';
import {
  ApplicationFileRepository,
  ApplicationRepository,
  ApplicationStepRepository,
  IdempotencyRepository,
  OnlineSubmissionRepository,
  OutboxSignal,
  PetitionRepository,
  ResultDocumentRepository,
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
import { ResultDocumentsService } from './signatures/result-documents.service';
import { ResultSignatureGate } from './signatures/result-signature.gate';
import { ResultSignerService } from './signatures/result-signer.service';
import { SignatureTrustService } from './signatures/signature-trust.service';

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
    ResultDocumentRepository,
    SignatureTrustService,
    ResultSignerService,
    ResultSignatureGate,
    ResultDocumentsService,
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
    ResultDocumentsService,
  ],
})
export class CoreModule {}
