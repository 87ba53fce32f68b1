import { Body, Controller, HttpCode, Inject, Param, Post } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import { APP_CONFIG, AppConfig } from '@app/config';
import { TransitionInput, TransitionService } from '@app/core';
import { TransitionAction as A } from '@app/domain';
import { AuthUser } from '../auth/auth-user';
import { CurrentUser } from '../auth/auth.decorators';
import { ErrorResponseDto } from '../http/error-response';
import { parseDateInput } from './date-input';
import { ApplicationDto } from './dto/application.dto';
import {
  ApologizeDto,
  AssignDto,
  HandOverDto,
  MarkResultReadyDto,
  ReceiveDto,
  RefuseDto,
  RequestCompletionDto,
  RequestSupplementDto,
  ReturnResultDto,
  SendBackDto,
  SignResultDto,
  StopDto,
  TransitionDto,
} from './dto/transition.dto';
import {
  ReceiveSupplementDto,
  RequestWithdrawalDto,
  RequirePaymentDto,
} from './dto/record-facts.dto';

/** Every action answers the application as it is after the action. */
const AFTER_ACTION = { type: ApplicationDto, description: 'The application after the action' };

/**
 * One route per lifecycle action, so each validates its own body. Roles and states are checked
 * by the domain lifecycle (403 / 409), not here.
 */
@ApiTags('applications')
@ApiBearerAuth()
@ApiNotFoundResponse({ type: ErrorResponseDto, description: 'No such application' })
@ApiResponse({ status: 403, type: ErrorResponseDto, description: 'Role or department not allowed' })
@ApiResponse({
  status: 409,
  type: ErrorResponseDto,
  description: 'Stale version or illegal transition; `current` holds the state',
})
@Controller('applications/:id')
export class ApplicationActionsController {
  constructor(
    private readonly transitions: TransitionService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  private run(
    id: string,
    action: A,
    input: TransitionInput,
    user: AuthUser,
  ): Promise<ApplicationDto> {
    return this.transitions.apply(id, action, input, user);
  }

  @Post('receive')
  @HttpCode(200)
  @ApiOkResponse(AFTER_ACTION)
  @ApiOperation({ summary: 'Receive a submitted application (clock starts)' })
  receive(@Param('id') id: string, @Body() body: ReceiveDto, @CurrentUser() u: AuthUser) {
    const handOverSignedAt =
      body.handOverSignedAt === undefined ? undefined : new Date(body.handOverSignedAt);
    return this.run(id, A.Receive, { ...body, handOverSignedAt }, u);
  }

  @Post('refuse')
  @HttpCode(200)
  @ApiOkResponse(AFTER_ACTION)
  @ApiOperation({ summary: 'Refuse a submitted application, with reasons' })
  refuse(@Param('id') id: string, @Body() body: RefuseDto, @CurrentUser() u: AuthUser) {
    return this.run(id, A.Refuse, body, u);
  }

  @Post('request-completion')
  @HttpCode(200)
  @ApiOkResponse(AFTER_ACTION)
  @ApiOperation({
    summary: 'Turn the dossier away at the desk with guidance on what is missing (Mẫu 02)',
    description:
      'From submitted or incomplete_at_desk to incomplete_at_desk: not received, no clock, ' +
      'outside K1. A walk-in is recorded directly with POST /applications and status ' +
      'incomplete_at_desk. The form is documents/supplement-request.pdf.',
  })
  requestCompletion(
    @Param('id') id: string,
    @Body() body: RequestCompletionDto,
    @CurrentUser() u: AuthUser,
  ) {
    return this.run(id, A.RequestCompletion, body, u);
  }

  @Post('assign')
  @HttpCode(200)
  @ApiOkResponse(AFTER_ACTION)
  @ApiOperation({ summary: 'Assign the handling officer' })
  assign(@Param('id') id: string, @Body() body: AssignDto, @CurrentUser() u: AuthUser) {
    return this.run(id, A.Assign, body, u);
  }

  @Post('start')
  @HttpCode(200)
  @ApiOkResponse(AFTER_ACTION)
  @ApiOperation({ summary: 'Start processing' })
  start(@Param('id') id: string, @Body() body: TransitionDto, @CurrentUser() u: AuthUser) {
    return this.run(id, A.Start, body, u);
  }

  @Post('request-supplement')
  @HttpCode(200)
  @ApiOkResponse(AFTER_ACTION)
  @ApiOperation({ summary: 'Ask the applicant to supplement the dossier' })
  requestSupplement(
    @Param('id') id: string,
    @Body() body: RequestSupplementDto,
    @CurrentUser() u: AuthUser,
  ) {
    return this.run(id, A.RequestSupplement, body, u);
  }

  @Post('receive-supplement')
  @HttpCode(200)
  @ApiOkResponse(AFTER_ACTION)
  @ApiOperation({
    summary: 'The supplement arrived (with what it brought): the time limit restarts',
  })
  receiveSupplement(
    @Param('id') id: string,
    @Body() body: ReceiveSupplementDto,
    @CurrentUser() u: AuthUser,
  ) {
    return this.run(id, A.ReceiveSupplement, body, u);
  }

  @Post('require-payment')
  @HttpCode(200)
  @ApiOkResponse(AFTER_ACTION)
  @ApiOperation({ summary: 'Ask the applicant to pay a fee or tax (its amount)' })
  requirePayment(
    @Param('id') id: string,
    @Body() body: RequirePaymentDto,
    @CurrentUser() u: AuthUser,
  ) {
    return this.run(id, A.RequirePayment, body, u);
  }

  @Post('confirm-payment')
  @HttpCode(200)
  @ApiOkResponse(AFTER_ACTION)
  @ApiOperation({ summary: 'The payment was made' })
  confirmPayment(@Param('id') id: string, @Body() body: TransitionDto, @CurrentUser() u: AuthUser) {
    return this.run(id, A.ConfirmPayment, body, u);
  }

  @Post('request-withdrawal')
  @HttpCode(200)
  @ApiOkResponse(AFTER_ACTION)
  @ApiOperation({ summary: 'The applicant asks to withdraw the dossier (with a reason)' })
  requestWithdrawal(
    @Param('id') id: string,
    @Body() body: RequestWithdrawalDto,
    @CurrentUser() u: AuthUser,
  ) {
    return this.run(id, A.RequestWithdrawal, body, u);
  }

  @Post('stop')
  @HttpCode(200)
  @ApiOkResponse(AFTER_ACTION)
  @ApiOperation({ summary: 'Stop processing (withdrawn, or rejected after appraisal)' })
  stop(@Param('id') id: string, @Body() body: StopDto, @CurrentUser() u: AuthUser) {
    return this.run(id, A.Stop, body, u);
  }

  @Post('mark-result-ready')
  @HttpCode(200)
  @ApiOkResponse(AFTER_ACTION)
  @ApiOperation({ summary: 'The signed result is at the desk (KPI end time)' })
  markResultReady(
    @Param('id') id: string,
    @Body() body: MarkResultReadyDto,
    @CurrentUser() u: AuthUser,
  ) {
    return this.run(id, A.MarkResultReady, body, u);
  }

  @Post('submit-for-review')
  @HttpCode(200)
  @ApiOkResponse(AFTER_ACTION)
  @ApiOperation({
    summary: "Submit the officer's draft result to the procedure's review chain",
    description:
      'The chain is per procedure (procedure.reviewChain; e.g. head review then director ' +
      'signature). 409 when the procedure has none or it is already submitted.',
  })
  submitForReview(
    @Param('id') id: string,
    @Body() body: TransitionDto,
    @CurrentUser() u: AuthUser,
  ) {
    return this.run(id, A.SubmitForReview, body, u);
  }

  @Post('approve-review')
  @HttpCode(200)
  @ApiOkResponse(AFTER_ACTION)
  @ApiOperation({
    summary: 'Approve the pending review step (its role only); the draft goes to the next step',
  })
  approveReview(@Param('id') id: string, @Body() body: TransitionDto, @CurrentUser() u: AuthUser) {
    return this.run(id, A.ApproveReview, body, u);
  }

  @Post('sign-result')
  @HttpCode(200)
  @ApiOkResponse(AFTER_ACTION)
  @ApiOperation({
    summary: 'Sign the result at the pending sign step: result number and signer are recorded',
  })
  signResult(@Param('id') id: string, @Body() body: SignResultDto, @CurrentUser() u: AuthUser) {
    return this.run(id, A.SignResult, body, u);
  }

  @Post('send-back')
  @HttpCode(200)
  @ApiOkResponse(AFTER_ACTION)
  @ApiOperation({
    summary: "Return the draft to the officer with a reason (the pending step's role)",
  })
  sendBack(@Param('id') id: string, @Body() body: SendBackDto, @CurrentUser() u: AuthUser) {
    return this.run(id, A.SendBack, body, u);
  }

  @Post('return-result')
  @HttpCode(200)
  @ApiOkResponse(AFTER_ACTION)
  @ApiOperation({ summary: 'The result was handed to the applicant' })
  returnResult(@Param('id') id: string, @Body() body: ReturnResultDto, @CurrentUser() u: AuthUser) {
    return this.run(id, A.ReturnResult, body, u);
  }

  @Post('apologize')
  @HttpCode(200)
  @ApiOkResponse(AFTER_ACTION)
  @ApiOperation({ summary: 'Apologise for a delay and set a new appointment date' })
  apologize(@Param('id') id: string, @Body() body: ApologizeDto, @CurrentUser() u: AuthUser) {
    // A bare date is an appointment at the end of that day's office hours, as configured.
    const { hour, minute } = this.config.rules.officeHoursEnd;
    const newDueAt = parseDateInput(body.newDueAt, hour, minute);
    return this.run(id, A.Apologize, { ...body, newDueAt }, u);
  }

  @Post('hand-over')
  @HttpCode(200)
  @ApiOkResponse(AFTER_ACTION)
  @ApiOperation({
    summary: 'Hand the application to another department for a budgeted step (liên thông)',
  })
  handOver(@Param('id') id: string, @Body() body: HandOverDto, @CurrentUser() u: AuthUser) {
    return this.run(id, A.HandOver, body, u);
  }
}
