import { Inject, Injectable } from '@nestjs/common';
import { Actor, assertCanAcknowledgeStep, DomainError, responsibleDepartment } from '@app/domain';
import { ApplicationStepRecord, ApplicationStepRepository } from '@app/database';
import { Clock } from '../clock/clock';
import { ApplicationQueryService } from './application-query.service';

/** The liên thông steps: the control sheet rows, who carries a delay, the receiver's receipt. */
@Injectable()
export class ApplicationStepsService {
  constructor(
    @Inject(ApplicationStepRepository) private readonly steps: ApplicationStepRepository,
    @Inject(ApplicationQueryService) private readonly queries: ApplicationQueryService,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  async stepsOf(applicationId: string): Promise<ApplicationStepRecord[]> {
    return this.steps.forApplication(applicationId);
  }

  /** The steps of an application the viewer may see (404 unknown, 403 another department). */
  async visibleSteps(idOrCode: string, viewer: Actor): Promise<ApplicationStepRecord[]> {
    const app = await this.queries.get(idOrCode, viewer);
    return this.steps.forApplication(app.id);
  }

  /**
   * The receiving department takes the dossier of step `seq` (Mẫu 05: the receiver's
   * signature): who and when, recorded once on the step.
   */
  async acknowledge(idOrCode: string, seq: number, actor: Actor): Promise<ApplicationStepRecord> {
    const app = await this.queries.get(idOrCode, actor);
    const step = await this.steps.acknowledge(app.id, seq, actor.id, this.clock.now(), (s) =>
      assertCanAcknowledgeStep(actor, s, s),
    );
    if (!step) {
      throw DomainError.notFound('step', `${app.code}#${seq}`);
    }
    return step;
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
