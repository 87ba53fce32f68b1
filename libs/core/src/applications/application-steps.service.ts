import { Inject, Injectable } from '@nestjs/common';
import { DomainError, responsibleDepartment } from '@app/domain';
import { ApplicationStepRecord, ApplicationStepRepository } from '@app/database';

/** Reads of the liên thông steps: the control sheet rows and who carries a delay. */
@Injectable()
export class ApplicationStepsService {
  constructor(
    @Inject(ApplicationStepRepository) private readonly steps: ApplicationStepRepository,
  ) {}

  async stepsOf(applicationId: string): Promise<ApplicationStepRecord[]> {
    return this.steps.forApplication(applicationId);
  }

  /**
   * The department named in an apology (draft): the receiver of the first step that overran
   * its own due date, else the department holding the application (domain spec section 2).
   */
  async responsibleDepartmentFor(applicationId: string): Promise<string> {
    const lead = await this.steps.leadDepartment(applicationId);
    if (!lead) {
      throw DomainError.notFound('application', applicationId);
    }
    return responsibleDepartment(await this.steps.forApplication(applicationId), lead);
  }
}
