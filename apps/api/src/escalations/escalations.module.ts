import { Module } from '@nestjs/common';
import { EscalationPolicyService, EscalationQueryService } from '@app/core';
import {
  DepartmentRepository,
  EscalationPolicyRepository,
  EscalationRepository,
  ProcedureRepository,
} from '@app/database';
import { EscalationPoliciesController } from './escalation-policies.controller';
import { EscalationsController } from './escalations.controller';

@Module({
  controllers: [EscalationsController, EscalationPoliciesController],
  providers: [
    EscalationQueryService,
    EscalationRepository,
    EscalationPolicyService,
    EscalationPolicyRepository,
    DepartmentRepository,
    ProcedureRepository,
  ],
})
export class EscalationsModule {}
