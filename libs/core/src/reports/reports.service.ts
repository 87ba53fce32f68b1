import { Inject, Injectable } from '@nestjs/common';
import {
  DomainError,
  DomainErrorCode,
  formatVietnameseDate,
  k5SyncLag,
  localTimeOf,
  maskPhone,
  PeriodKind,
  periodName,
  periodsPerYear,
  PeriodType,
  reportingPeriod,
  toLocalDate,
} from '@app/domain';
import {
  ClockExceptionCounts,
  ClockExceptionsRepository,
  PeriodCountsRow,
  PortalSyncRepository,
  StepOutcomesRepository,
  TrackingBookRepository,
} from '@app/database';
import { KpiSummaryService } from '../metrics/kpi-summary.service';
import { metricsRange, MetricsRange } from '../metrics/metrics-scope';
import { OnTimeMetricsService } from '../metrics/on-time-metrics.service';
import { PeriodCounts, PeriodFiguresService } from '../metrics/period-figures.service';
import { periodReportWorkbook, trackingBookWorkbook } from './report-workbook';

/** Above this many rows the tracking book is refused: ask for a shorter range. */
export const TRACKING_BOOK_MAX_ROWS = 50_000;

export interface ReportFile {
  filename: string;
  content: Buffer;
}

const FILE_PREFIX: Record<PeriodKind, string> = {
  month: 'thang',
  quarter: 'quy',
  half: '6-thang',
  'nine-months': '9-thang',
  year: 'nam',
};

function dateTimeVi(d: Date | null): string {
  if (!d) {
    return '';
  }
  const t = localTimeOf(d);
  const hhmm = `${String(t.hour).padStart(2, '0')}:${String(t.minute).padStart(2, '0')}`;
  return `${hhmm} ${formatVietnameseDate(toLocalDate(d))}`;
}

/** Where the figures come from, as the report's third line says it. */
function basisText(counts: PeriodCounts): string {
  switch (counts.basis) {
    case 'frozen':
      return `Số liệu đã chốt lúc ${dateTimeVi(new Date(counts.closure!.closedAt))} (công thức ${counts.closure!.formulaVersion}).`;
    case 'live':
      return `Số liệu tạm tính đến ${dateTimeVi(counts.asOf)}: kỳ báo cáo chưa kết thúc.`;
    case 'computed':
      return `Số liệu tính theo dữ liệu hiện có tại thời điểm kết thúc kỳ; kỳ báo cáo chưa được chốt.`;
  }
}

@Injectable()
export class ReportsService {
  constructor(
    @Inject(PeriodFiguresService) private readonly periods: PeriodFiguresService,
    @Inject(OnTimeMetricsService) private readonly onTime: OnTimeMetricsService,
    @Inject(TrackingBookRepository) private readonly book: TrackingBookRepository,
    @Inject(KpiSummaryService) private readonly summary: KpiSummaryService,
    @Inject(PortalSyncRepository) private readonly portal: PortalSyncRepository,
    @Inject(ClockExceptionsRepository) private readonly exceptions: ClockExceptionsRepository,
    @Inject(StepOutcomesRepository) private readonly stepOutcomes: StepOutcomesRepository,
  ) {}

  /** The indicator sheet's rows and notes for a range (the summary's figures). */
  private async indicators(range: MetricsRange, departmentId: string | null) {
    const [summary, sync] = await Promise.all([
      this.summary.summary(range, departmentId),
      this.portal.figures(range.startAt, range.endAt, departmentId),
    ]);
    const lag = k5SyncLag({
      total: sync.lagTotalSeconds,
      count: sync.lagCount,
      max: sync.lagMaxSeconds,
    });
    return {
      indicators: summary.kpis,
      indicatorNotes: [
        lag.averageSeconds === null
          ? 'Độ trễ đồng bộ lên Cổng DVCQG: chưa có thay đổi nào trong kỳ được Cổng xác nhận.'
          : `Độ trễ đồng bộ lên Cổng DVCQG (từ lúc hồ sơ thay đổi đến khi Cổng xác nhận), ${sync.lagCount} lần thay đổi trong kỳ: trung bình ${lag.averageSeconds} giây, lâu nhất ${lag.maxSeconds} giây.`,
      ],
    };
  }

  async periodReport(
    kind: PeriodKind,
    type: PeriodType,
    year: number,
    n: number,
    departmentId: string | null,
  ): Promise<ReportFile> {
    const count = periodsPerYear(kind);
    if (n < 1 || n > count) {
      throw DomainError.validation('n', `must be between 1 and ${count} for ${kind}`);
    }
    const period = reportingPeriod(kind, type, year, n);
    const counts = await this.periods.forRange(metricsRange(period.from, period.to), departmentId);
    const apologiesBy = (key: (r: PeriodCountsRow) => string) => {
      const out = new Map<string, number>();
      for (const r of counts.rows) {
        out.set(key(r), (out.get(key(r)) ?? 0) + r.apologies);
      }
      return out;
    };
    const byDepartmentApologies = apologiesBy((r) => r.departmentId);
    const byProcedureApologies = apologiesBy((r) => r.procedureCode);
    const range = metricsRange(period.from, period.to);
    const exceptions = await this.exceptions.countIn(range.startAt, range.endAt, departmentId);
    const exceptionsBy = (key: keyof ClockExceptionCounts, value: string | null) => {
      const rows = exceptions.filter((e) => value === null || e[key] === value);
      return {
        untimelyApologies: rows.reduce((sum, e) => sum + e.untimelyApologies, 0),
        lateSupplementRequests: rows.reduce((sum, e) => sum + e.lateSupplementRequests, 0),
      };
    };
    const [byDepartment, byProcedure, steps] = await Promise.all([
      this.onTime.grouped(counts, 'department'),
      this.onTime.grouped(counts, 'procedure'),
      this.stepOutcomes.closedBetween(range.startAt, range.endAt, departmentId),
    ]);
    const name = periodName(kind, year, n);
    const indicators = await this.indicators(metricsRange(period.from, period.to), departmentId);
    const content = await periodReportWorkbook({
      ...indicators,
      title: `BÁO CÁO TÌNH HÌNH GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH ${name.toUpperCase()}`,
      periodText: `${formatVietnameseDate(period.from)} – ${formatVietnameseDate(period.to)}${
        type === 'administrative' ? ' (kỳ báo cáo hành chính)' : ''
      }`,
      basisText: basisText(counts),
      adjustmentLines: (counts.closure?.adjustments ?? []).map(
        (a) =>
          `Điều chỉnh phát hiện ${dateTimeVi(new Date(a.detectedAt))}: ${a.cause} (hồ sơ ${a.applicationCodes.join(', ')}). Số liệu đã chốt ở trên không thay đổi.`,
      ),
      byDepartment: byDepartment.map((r) => ({
        label: r.label,
        figures: r,
        apologies: byDepartmentApologies.get(r.key) ?? 0,
        ...exceptionsBy('departmentId', r.key),
      })),
      byProcedure: byProcedure.map((r) => ({
        label: r.label,
        figures: r,
        apologies: byProcedureApologies.get(r.key) ?? 0,
        ...exceptionsBy('procedureCode', r.key),
      })),
      total: {
        label: 'Tổng cộng',
        figures: this.onTime.total(counts),
        apologies: counts.rows.reduce((sum, r) => sum + r.apologies, 0),
        ...exceptionsBy('departmentId', null),
      },
      steps: steps.map((r) => ({
        label: r.departmentName,
        early: r.early,
        onTime: r.onTime,
        late: r.late,
      })),
    });
    const suffix = count > 1 ? `-${n}` : '';
    return { filename: `bao-cao-${FILE_PREFIX[kind]}${suffix}-${year}.xlsx`, content };
  }

  async trackingBook(range: MetricsRange, departmentId: string | null): Promise<ReportFile> {
    const rows = await this.book.findReceived(
      range.startAt,
      range.endAt,
      departmentId,
      TRACKING_BOOK_MAX_ROWS + 1,
    );
    if (rows.length > TRACKING_BOOK_MAX_ROWS) {
      throw new DomainError(
        DomainErrorCode.Validation,
        `more than ${TRACKING_BOOK_MAX_ROWS} applications in the range`,
        [
          {
            field: 'to',
            reason: `the range holds more than ${TRACKING_BOOK_MAX_ROWS} applications; choose a shorter one`,
          },
        ],
      );
    }
    const content = await trackingBookWorkbook(
      `${formatVietnameseDate(range.from)} đến ngày ${formatVietnameseDate(range.to)}`,
      rows.map((r) => ({
        code: r.code,
        procedureName: r.procedureName,
        // One application is one dossier (bộ), however many documents it holds.
        sets: 1,
        applicantName: r.applicantName,
        // A list of many citizens: the phone masked, as in every list (the detail has it whole).
        addressAndPhone: [r.applicantAddress, maskPhone(r.applicantPhone)]
          .filter(Boolean)
          .join(' – '),
        departmentName: r.departmentName,
        receivedAt: r.receivedAt,
        appointedAt: r.originalDueAt,
        resultReadyAt: r.resultReadyAt,
        returnedAt: r.returnedAt,
        note:
          [r.note, r.lateSteps ? `Quá hạn bước liên thông: ${r.lateSteps}` : null]
            .filter(Boolean)
            .join('; ') || null,
      })),
      dateTimeVi,
    );
    return { filename: `so-theo-doi-ho-so-${range.from}-${range.to}.xlsx`, content };
  }
}
