import { Controller, Get, HttpCode, Inject, Param, Post } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import { ApplicationStepsService } from '@app/core';
import { AuthUser } from '../auth/auth-user';
import { CurrentUser } from '../auth/auth.decorators';
import { ErrorResponseDto } from '../http/error-response';
import { PositiveIntPipe } from '../http/positive-int.pipe';
import { ApplicationStepDto } from './dto/application-step.dto';

/** The liên thông steps of one application and the receiver's acknowledgement of each. */
@ApiTags('applications')
@ApiBearerAuth()
@ApiNotFoundResponse({ type: ErrorResponseDto, description: 'No such application or step' })
@ApiResponse({
  status: 403,
  type: ErrorResponseDto,
  description: 'Another department, or not the receiving department of the step',
})
@Controller('applications/:id/steps')
export class ApplicationStepsController {
  constructor(@Inject(ApplicationStepsService) private readonly steps: ApplicationStepsService) {}

  @Get()
  @ApiOperation({ summary: 'The liên thông steps: budgets, due dates in force, outcomes' })
  @ApiOkResponse({ type: [ApplicationStepDto] })
  list(@Param('id') id: string, @CurrentUser() u: AuthUser): Promise<ApplicationStepDto[]> {
    return this.steps.visibleSteps(id, u);
  }

  @Post(':seq/acknowledge')
  @HttpCode(200)
  @ApiOperation({ summary: 'The receiving department takes the dossier of this step' })
  @ApiOkResponse({ type: ApplicationStepDto, description: 'The step with its acknowledgement' })
  @ApiParam({ name: 'seq', type: 'integer', description: 'The step number (1 = first hand-over)' })
  @ApiResponse({
    status: 409,
    type: ErrorResponseDto,
    description: 'Already acknowledged, or the step is over; `current` holds the step',
  })
  acknowledge(
    @Param('id') id: string,
    @Param('seq', PositiveIntPipe) seq: number,
    @CurrentUser() u: AuthUser,
  ): Promise<ApplicationStepDto> {
    return this.steps.acknowledge(id, seq, u);
  }
}
