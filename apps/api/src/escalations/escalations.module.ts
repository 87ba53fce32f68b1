import { Module } from '@nestjs/common';
import { EscalationQueryService } from '@app/core';
import { EscalationRepository } from '@app/database';
import { EscalationsController } from './escalations.controller';

@Module({
  controllers: [EscalationsController],
  providers: [EscalationQueryService, EscalationRepository],
})
export class EscalationsModule {}
