import { Controller, Get, Inject, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiForbiddenResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import {
  K1PopulationService,
  KpiSummaryService,
  metricsDepartmentFor,
  metricsRange,
  OnTimeMetricsService,
} from '@app/core';
import { Role } from '@app/domain';
import { AuthUser } from '../auth/auth-user';
import { CurrentUser, Roles } from '../auth/auth.decorators';
import { ErrorResponseDto } from '../http/error-response';
import {
  AtRiskListDto,
  ForecastReportDto,
  KpiSummaryDto,
  OnTimeReportDto,
  PopulationPageDto,
} from './dto/metrics.dto';
import { AtRiskQuery, DateRangeQuery, OnTimeQuery, PopulationQuery } from './dto/metrics.query';
import { ReplicaReads } from '../replica/replica-reads.decorator';

/** Managers' KPIs (domain spec section 4), read from roll-ups and the open partial index. */
@ApiTags('metrics')
@ApiBearerAuth()
@ApiBadRequestResponse({ type: ErrorResponseDto })
@ApiForbiddenResponse({ type: ErrorResponseDto, description: 'Heads: another department' })
@Roles(Role.Head, Role.Director, Role.Admin, Role.Supervisor)
@ReplicaReads()
@Controller('metrics')
export class MetricsController {
  constructor(
    @Inject(OnTimeMetricsService) private readonly onTime: OnTimeMetricsService,
    @Inject(KpiSummaryService) private readonly kpis: KpiSummaryService,
    @Inject(K1PopulationService) private readonly population: K1PopulationService,
  ) {}

  @Get('on-time')
  @ApiOperation({
    summary: 'K1 on-time rate grouped by department, procedure, channel, month or quarter',
  })
  @ApiOkResponse({ type: OnTimeReportDto })
  async onTimeRate(
    @CurrentUser() user: AuthUser,
    @Query() q: OnTimeQuery,
  ): Promise<OnTimeReportDto> {
    const departmentId = metricsDepartmentFor(user, q.departmentId);
    return this.onTime.onTime(metricsRange(q.from, q.to), q.groupBy, departmentId);
  }

  @Get('on-time/applications')
  @ApiOperation({
    summary:
      'The K1 population of a period: each application that counts, its category and verdict',
  })
  @ApiOkResponse({ type: PopulationPageDto })
  async onTimePopulation(
    @CurrentUser() user: AuthUser,
    @Query() q: PopulationQuery,
  ): Promise<PopulationPageDto> {
    return this.population.page(
      metricsRange(q.from, q.to),
      metricsDepartmentFor(user, q.departmentId),
      q.cursor ?? null,
      q.limit ?? 100,
    );
  }

  @Get('summary')
  @ApiOperation({ summary: 'K1–K9 against their targets, each met / at risk / missed' })
  @ApiOkResponse({ type: KpiSummaryDto })
  async summary(@CurrentUser() user: AuthUser, @Query() q: DateRangeQuery): Promise<KpiSummaryDto> {
    return this.kpis.summary(
      metricsRange(q.from, q.to),
      metricsDepartmentFor(user, q.departmentId),
    );
  }

  @Get('forecast')
  @ApiOperation({
    summary: 'How many open applications must still finish on time to keep K1 ≥ 98 %',
  })
  @ApiOkResponse({ type: ForecastReportDto })
  async forecast(
    @CurrentUser() user: AuthUser,
    @Query() q: DateRangeQuery,
  ): Promise<ForecastReportDto> {
    const range = metricsRange(q.from, q.to);
    return {
      from: q.from,
      to: q.to,
      ...(await this.kpis.forecast(range, metricsDepartmentFor(user, q.departmentId))),
    };
  }

  @Get('at-risk')
  @ApiOperation({
    summary: 'Open applications due within one working day, or overdue, by due date',
  })
  @ApiOkResponse({ type: AtRiskListDto })
  async atRisk(@CurrentUser() user: AuthUser, @Query() q: AtRiskQuery): Promise<AtRiskListDto> {
    const rows = await this.kpis.atRisk(q.limit ?? 100, metricsDepartmentFor(user, q.departmentId));
    return { rows };
  }
}
