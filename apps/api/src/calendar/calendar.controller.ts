import {
  Body,
  Controller,
  Get,
  HttpCode,
  Inject,
  Param,
  Post,
  Put,
  Query,
  Req,
} from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiForbiddenResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { SecurityAuditService, SecurityEvent } from '@app/core';
import type { CalendarOverrideRecord } from '@app/database';
import { Role } from '@app/domain';
import type { FastifyRequest } from 'fastify';
import { AuthUser } from '../auth/auth-user';
import { CurrentUser, Roles } from '../auth/auth.decorators';
import { ErrorResponseDto } from '../http/error-response';
import { CalendarService } from './calendar.service';
import {
  CalendarOverridesDto,
  OverridePreviewDto,
  ReplaceOverridesDto,
} from './dto/calendar-overrides.dto';
import { CalendarYearDto, YearParamDto } from './dto/calendar-year.dto';
import { DueDateDto, DueDateQueryDto } from './dto/due-date.dto';

function overridesBody(year: number, rows: CalendarOverrideRecord[]): CalendarOverridesDto {
  return {
    year,
    overrides: rows.map((o) => ({
      date: o.date,
      kind: o.kind,
      reason: o.reason,
      source: o.source,
      updatedBy: o.updatedBy,
      updatedAt: o.updatedAt.toISOString(),
    })),
  };
}

@ApiTags('calendar')
@ApiBearerAuth()
@ApiBadRequestResponse({ type: ErrorResponseDto })
@Controller('calendar')
export class CalendarController {
  constructor(
    @Inject(CalendarService) private readonly calendar: CalendarService,
    @Inject(SecurityAuditService) private readonly audit: SecurityAuditService,
  ) {}

  // Declared before ':year'; Fastify also prefers the static path.
  @Get('due-date')
  @ApiOperation({ summary: 'Appointment time for a reception time and a time limit' })
  @ApiOkResponse({ type: DueDateDto })
  async dueDate(@Query() query: DueDateQueryDto): Promise<DueDateDto> {
    const dueAt = await this.calendar.dueAt(new Date(query.receivedAt), {
      value: query.value,
      unit: query.unit,
    });
    return { dueAt: dueAt.toISOString() };
  }

  @Get(':year')
  @ApiOperation({ summary: 'Days off and Saturdays worked in a year (rules plus notices)' })
  @ApiOkResponse({ type: CalendarYearDto })
  async year(@Param() params: YearParamDto): Promise<CalendarYearDto> {
    const days = await this.calendar.describeYear(params.year);
    return { year: params.year, days };
  }

  @Get(':year/overrides')
  @ApiOperation({ summary: "The year's notices as stored (what PUT replaces)" })
  @ApiOkResponse({ type: CalendarOverridesDto })
  async overrides(@Param() params: YearParamDto): Promise<CalendarOverridesDto> {
    return overridesBody(params.year, await this.calendar.listOverrides(params.year));
  }

  @Post(':year/overrides/preview')
  @HttpCode(200)
  @Roles(Role.Admin)
  @ApiOperation({
    summary:
      'What-if before PUT: open applications whose appointment the proposed notices would move, and by how much (nothing is saved)',
  })
  @ApiOkResponse({ type: OverridePreviewDto })
  @ApiForbiddenResponse({ type: ErrorResponseDto })
  previewOverrides(
    @Param() params: YearParamDto,
    @Body() body: ReplaceOverridesDto,
  ): Promise<OverridePreviewDto> {
    return this.calendar.previewOverrides(
      params.year,
      body.overrides.map(({ date, kind, reason, source }) => ({ date, kind, reason, source })),
    );
  }

  @Put(':year/overrides')
  @Roles(Role.Admin)
  @ApiOperation({ summary: "Replace the year's notices (days off, Saturdays worked)" })
  @ApiOkResponse({ type: CalendarOverridesDto })
  @ApiForbiddenResponse({ type: ErrorResponseDto })
  async replaceOverrides(
    @CurrentUser() user: AuthUser,
    @Param() params: YearParamDto,
    @Body() body: ReplaceOverridesDto,
    @Req() request: FastifyRequest,
  ): Promise<CalendarOverridesDto> {
    const saved = await this.calendar.replaceOverrides(
      params.year,
      body.overrides.map(({ date, kind, reason, source }) => ({ date, kind, reason, source })),
      user.id,
    );
    // After the commit (the repository owns that transaction); a failure here is a 500, so
    // the administrator learns the change is unrecorded and nothing passes silently.
    await this.audit.record({
      event: SecurityEvent.CalendarChanged,
      actor: user,
      subject: `calendar:${params.year}`,
      address: request.ip,
      details: { overrides: saved.map((o) => ({ date: o.date, kind: o.kind })) },
    });
    return overridesBody(params.year, saved);
  }
}
