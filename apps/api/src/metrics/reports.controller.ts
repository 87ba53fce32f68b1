import { Controller, Get, Inject, Param, Query, Req, StreamableFile } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiNotFoundResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
} from '@nestjs/swagger';
import {
  metricsDepartmentFor,
  metricsRange,
  ReportFile,
  ReportsService,
  SecurityAuditService,
  SecurityEvent,
} from '@app/core';
import { DomainError, PeriodKind, Role } from '@app/domain';
import type { FastifyRequest } from 'fastify';
import { AuthUser } from '../auth/auth-user';
import { CurrentUser, Roles } from '../auth/auth.decorators';
import { ErrorResponseDto } from '../http/error-response';
import { ApiFileResponse } from '../openapi/api-file-response.decorator';
import { DateRangeQuery, PeriodReportQuery } from './dto/metrics.query';
import { ReplicaReads } from '../replica/replica-reads.decorator';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const PERIOD_FILES: Record<string, PeriodKind> = {
  'month.xlsx': 'month',
  'quarter.xlsx': 'quarter',
  'half.xlsx': 'half',
  'nine-months.xlsx': 'nine-months',
  'year.xlsx': 'year',
};

function file(report: ReportFile): StreamableFile {
  return new StreamableFile(report.content, {
    type: XLSX,
    disposition: `attachment; filename="${report.filename}"`,
    length: report.content.length,
  });
}

/** Periodic reports and the tracking book as Excel workbooks, in Vietnamese. */
@ApiTags('reports')
@ApiBearerAuth()
@Roles(Role.Head, Role.Director, Role.Admin, Role.Supervisor)
@ReplicaReads()
@Controller('reports')
export class ReportsController {
  constructor(
    @Inject(ReportsService) private readonly reports: ReportsService,
    @Inject(SecurityAuditService) private readonly audit: SecurityAuditService,
  ) {}

  /** Recorded before the file is sent: a workbook of personal data never leaves unrecorded. */
  private async recordExport(
    user: AuthUser,
    request: FastifyRequest,
    report: ReportFile,
    query: object,
  ): Promise<StreamableFile> {
    await this.audit.record({
      event: SecurityEvent.ReportExported,
      actor: user,
      subject: `report:${report.filename}`,
      address: request.ip,
      details: { query },
    });
    return file(report);
  }

  // Declared before ':file' so the static path wins.
  @Get('tracking-book.xlsx')
  @ApiOperation({ summary: 'Sổ theo dõi hồ sơ (Mẫu 06) for applications received in a range' })
  @ApiFileResponse(XLSX, 'The workbook, as an attachment')
  async trackingBook(
    @CurrentUser() user: AuthUser,
    @Query() q: DateRangeQuery,
    @Req() request: FastifyRequest,
  ): Promise<StreamableFile> {
    const department = metricsDepartmentFor(user, q.departmentId);
    const report = await this.reports.trackingBook(metricsRange(q.from, q.to), department);
    return this.recordExport(user, request, report, q);
  }

  @Get(':file')
  @ApiOperation({
    summary: 'Month, quarter, half-year, nine-month or year report per department and procedure',
  })
  @ApiParam({ name: 'file', enum: Object.keys(PERIOD_FILES) })
  @ApiFileResponse(XLSX, 'The workbook, as an attachment')
  @ApiNotFoundResponse({ type: ErrorResponseDto, description: 'No such report' })
  async period(
    @CurrentUser() user: AuthUser,
    @Param('file') name: string,
    @Query() q: PeriodReportQuery,
    @Req() request: FastifyRequest,
  ): Promise<StreamableFile> {
    const kind = Object.hasOwn(PERIOD_FILES, name) ? PERIOD_FILES[name] : undefined;
    if (!kind) {
      throw DomainError.notFound('report', name);
    }
    const department = metricsDepartmentFor(user, q.departmentId);
    const report = await this.reports.periodReport(
      kind,
      q.periodType ?? 'calendar',
      q.year,
      q.n ?? 1,
      department,
    );
    return this.recordExport(user, request, report, q);
  }
}
