import { Body, Controller, Get, Inject, Param, Put, Req } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { Role } from '@app/domain';
import type { FastifyRequest } from 'fastify';
import { AuthUser } from '../auth/auth-user';
import { CurrentUser, Roles } from '../auth/auth.decorators';
import { ErrorResponseDto } from '../http/error-response';
import { ProcedureCodeParamDto } from './dto/procedure-query.dto';
import { ReplaceStepBudgetsDto, StepBudgetDto } from './dto/procedure-step-budgets.dto';
import { ProcedureStepBudgetsService } from './procedure-step-budgets.service';

@ApiTags('catalog')
@ApiBearerAuth()
@Controller('procedures')
export class ProcedureStepBudgetsController {
  constructor(
    @Inject(ProcedureStepBudgetsService) private readonly budgets: ProcedureStepBudgetsService,
  ) {}

  @Get(':code/step-budgets')
  @ApiOperation({
    summary:
      "The current version's internal process: each department's working days for its liên thông step",
  })
  @ApiOkResponse({ type: [StepBudgetDto] })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  async list(@Param() params: ProcedureCodeParamDto): Promise<StepBudgetDto[]> {
    return (await this.budgets.list(params.code)).map((b) => StepBudgetDto.from(b));
  }

  @Put(':code/step-budgets')
  @Roles(Role.Admin)
  @ApiOperation({
    summary:
      "Replace the current version's step budgets (each department once, at most the procedure's limit); recorded in the audit log",
  })
  @ApiOkResponse({ type: [StepBudgetDto] })
  @ApiBadRequestResponse({ type: ErrorResponseDto })
  @ApiForbiddenResponse({ type: ErrorResponseDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  async replace(
    @Param() params: ProcedureCodeParamDto,
    @Body() body: ReplaceStepBudgetsDto,
    @CurrentUser() user: AuthUser,
    @Req() request: FastifyRequest,
  ): Promise<StepBudgetDto[]> {
    const saved = await this.budgets.replace(params.code, body.budgets, user, request.ip);
    return saved.map((b) => StepBudgetDto.from(b));
  }
}
