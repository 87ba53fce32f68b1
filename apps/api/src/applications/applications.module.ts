import { Module } from '@nestjs/common';
import { ApplicationStepsController } from './application-steps.controller';
import { ApplicationActionsController } from './application-actions.controller';
import { ApplicationsController } from './applications.controller';
import { PublicApplicationsController } from './public-applications.controller';
import { PublicRateLimitGuard } from './public-rate-limit.guard';

@Module({
  controllers: [
    ApplicationsController,
    ApplicationActionsController,
    ApplicationStepsController,
    PublicApplicationsController,
  ],
  providers: [PublicRateLimitGuard],
})
export class ApplicationsModule {}
