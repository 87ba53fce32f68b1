import {
  Body,
  Controller,
  Get,
  HttpCode,
  Inject,
  Param,
  ParseUUIDPipe,
  Post,
  Query,
} from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { PeriodClosingService, PeriodClosureListService } from '@app/core';
import { Role } from '@app/domain';
import { AuthUser } from '../auth/auth-user';
import { CurrentUser, Roles } from '../auth/auth.decorators';
import { ErrorResponseDto } from '../http/error-response';
import { ClosePeriodBody, PeriodClosuresQuery, ReopenPeriodBody } from './dto/metrics.query';
import { CloseOutcomeDto, PeriodClosureDto, PeriodClosureListDto } from './dto/periods.dto';
import { ReplicaReads } from '../replica/replica-reads.decorator';

/** Closing reporting periods (chốt số liệu): frozen figures, their history and adjustments. */
@ApiTags('metrics')
@ApiBearerAuth()
@ReplicaReads()
@Controller('metrics/periods')
export class PeriodsController {
  constructor(
    @Inject(PeriodClosingService) private readonly closing: PeriodClosingService,
    @Inject(PeriodClosureListService) private readonly list: PeriodClosureListService,
  ) {}

  @Get()
  @Roles(Role.Head, Role.Director, Role.Admin, Role.Supervisor)
  @ApiOperation({
    summary: 'Closures of the periods ending in a year (in force and re-opened), with adjustments',
  })
  @ApiOkResponse({ type: PeriodClosureListDto })
  async closures(@Query() q: PeriodClosuresQuery): Promise<PeriodClosureListDto> {
    return { items: await this.list.ofYear(q.year) };
  }

  @Post('close-ended')
  @HttpCode(200)
  @Roles(Role.Director, Role.Admin)
  @ApiOperation({
    summary:
      'Close every reporting period that has ended and is not closed (what the nightly job does)',
  })
  @ApiOkResponse({ type: CloseOutcomeDto })
  async closeEnded(@CurrentUser() user: AuthUser): Promise<CloseOutcomeDto> {
    return this.closing.closeEnded(user.id);
  }

  @Post('close')
  @HttpCode(200)
  @Roles(Role.Director)
  @ApiOperation({ summary: 'Close one ended period (e.g. again after re-opening it)' })
  @ApiOkResponse({ type: PeriodClosureDto, description: 'The new closure' })
  @ApiConflictResponse({
    type: ErrorResponseDto,
    description: 'Already closed; `current`: the closure in force',
  })
  async close(
    @CurrentUser() user: AuthUser,
    @Body() body: ClosePeriodBody,
  ): Promise<PeriodClosureDto> {
    const closure = await this.closing.close(
      body.kind,
      body.periodType,
      body.year,
      body.n ?? 1,
      user.id,
      body.note ?? null,
    );
    return this.list.one(closure.id);
  }

  @Post(':id/reopen')
  @HttpCode(200)
  @Roles(Role.Director)
  @ApiOperation({
    summary: 'Re-open a closed period; its figures are computed again until it is closed again',
  })
  @ApiOkResponse({ type: PeriodClosureDto, description: 'The closure, now re-opened' })
  @ApiNotFoundResponse({ type: ErrorResponseDto, description: 'No such closure' })
  @ApiConflictResponse({
    type: ErrorResponseDto,
    description: 'No longer in force (re-opened); `current`: the closure',
  })
  async reopen(
    @CurrentUser() user: AuthUser,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: ReopenPeriodBody,
  ): Promise<PeriodClosureDto> {
    await this.closing.reopen(id, user.id, body.reason);
    return this.list.one(id);
  }
}
