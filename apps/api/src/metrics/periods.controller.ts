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
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { PeriodClosingService, PeriodClosureListService } from '@app/core';
import { Role } from '@app/domain';
import { AuthUser } from '../auth/auth-user';
import { CurrentUser, Roles } from '../auth/auth.decorators';
import { ClosePeriodBody, PeriodClosuresQuery, ReopenPeriodBody } from './dto/metrics.query';

/** Closing reporting periods (chốt số liệu): frozen figures, their history and adjustments. */
@ApiTags('metrics')
@ApiBearerAuth()
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
  async closures(@Query() q: PeriodClosuresQuery) {
    return { items: await this.list.ofYear(q.year) };
  }

  @Post('close-ended')
  @HttpCode(200)
  @Roles(Role.Director, Role.Admin)
  @ApiOperation({
    summary:
      'Close every reporting period that has ended and is not closed (what the nightly job does)',
  })
  async closeEnded(@CurrentUser() user: AuthUser) {
    return this.closing.closeEnded(user.id);
  }

  @Post('close')
  @HttpCode(200)
  @Roles(Role.Director)
  @ApiOperation({ summary: 'Close one ended period (e.g. again after re-opening it)' })
  async close(@CurrentUser() user: AuthUser, @Body() body: ClosePeriodBody) {
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
  async reopen(
    @CurrentUser() user: AuthUser,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: ReopenPeriodBody,
  ) {
    await this.closing.reopen(id, user.id, body.reason);
    return this.list.one(id);
  }
}
