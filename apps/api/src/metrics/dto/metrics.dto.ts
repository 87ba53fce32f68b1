import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type {
  ClosureInfo,
  FiguresBasis,
  Forecast,
  KpiStatus,
  KpiValue,
  OnTimeReport,
  OnTimeRow,
  PopulationPage,
} from '@app/core';
import type { MetricsGroupBy, PopulationMember } from '@app/database';
import { Channel, K1_CATEGORIES, type K1Figures } from '@app/domain';
import { GROUP_BY } from './metrics.query';

// What the managers' metrics endpoints answer (domain spec section 4). The shapes follow
// KpiSummaryService and OnTimeMetricsService in libs/core; where a view type exists the DTO
// implements it, so a field added there and not here fails the type check.

const RATE = { type: 'number', format: 'double' } as const;

/** How each member of the K1 population ended (or stands), and the figure they make. */
export class K1FiguresDto implements K1Figures {
  @ApiProperty({ type: 'integer', description: 'Members received before the period' })
  carriedOver: number;
  @ApiProperty({ type: 'integer', description: 'Members received in the period' })
  received: number;
  @ApiProperty({ type: 'integer' }) resolvedEarly: number;
  @ApiProperty({ type: 'integer' }) resolvedOnDay: number;
  @ApiProperty({ type: 'integer' }) resolvedLate: number;
  @ApiProperty({ type: 'integer' }) stoppedOnTime: number;
  @ApiProperty({ type: 'integer' }) stoppedLate: number;
  @ApiProperty({ type: 'integer' }) withdrawnOnTime: number;
  @ApiProperty({ type: 'integer' }) withdrawnLate: number;
  @ApiProperty({ type: 'integer' }) awaitingSupplementOnTime: number;
  @ApiProperty({ type: 'integer' }) awaitingSupplementLate: number;
  @ApiProperty({ type: 'integer' }) openOnTime: number;
  @ApiProperty({ type: 'integer' }) openLate: number;
  @ApiProperty({ type: 'integer', description: 'The K1 population' }) population: number;
  @ApiProperty({ type: 'integer' }) onTimeCount: number;
  @ApiProperty({ type: 'integer' }) lateCount: number;
  @ApiProperty({
    ...RATE,
    nullable: true,
    example: 98.5,
    description: 'onTimeCount ÷ population × 100, 2 decimals; null when the population is empty',
  })
  rate: number | null;
}

export class OnTimeRowDto extends K1FiguresDto implements OnTimeRow {
  @ApiProperty({ description: 'Department or procedure id, channel, YYYY-MM or YYYY-Qn' })
  key: string;
  @ApiProperty({ example: 'Phòng Giáo dục Trung học' }) label: string;
}

export class ClosureAdjustmentDto {
  @ApiProperty({ format: 'date-time' }) detectedAt: string;
  @ApiProperty() cause: string;
  @ApiProperty({ type: [String] }) applicationCodes: string[];
}

/** A closed (frozen) period: when, by whom, under which formula and settings. */
export class ClosureDto implements ClosureInfo {
  @ApiProperty() id: string;
  @ApiProperty({ example: 'quarter' }) kind: string;
  @ApiProperty({ example: 'calendar' }) type: string;
  @ApiProperty({ format: 'date-time' }) closedAt: string;
  @ApiProperty({ type: String, nullable: true }) closedBy: string | null;
  @ApiProperty() formulaVersion: string;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'The rules in force' })
  settings: Record<string, unknown>;
  @ApiProperty({
    type: [ClosureAdjustmentDto],
    description: 'Corrections found after the closure, shown beside the figures',
  })
  adjustments: ClosureAdjustmentDto[];
}

const BASES: FiguresBasis[] = ['frozen', 'live', 'computed'];

export class OnTimeReportDto implements OnTimeReport {
  @ApiProperty({ example: '2026-10-01' }) from: string;
  @ApiProperty({ example: '2026-12-31' }) to: string;
  @ApiProperty({ enum: GROUP_BY }) groupBy: MetricsGroupBy;
  @ApiProperty({ format: 'date-time', description: "The period's end, or now while it runs" })
  asOf: string;
  @ApiProperty({ enum: BASES, description: 'frozen (closed), live (running) or computed' })
  basis: FiguresBasis;
  @ApiProperty({ type: ClosureDto, nullable: true }) closure: ClosureDto | null;
  @ApiProperty({ type: [OnTimeRowDto] }) rows: OnTimeRowDto[];
  @ApiProperty({ type: K1FiguresDto }) total: K1FiguresDto;
}

export class PopulationMemberDto implements PopulationMember {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() code: string;
  @ApiProperty({ format: 'uuid' }) departmentId: string;
  @ApiProperty() procedureCode: string;
  @ApiProperty({ enum: Channel }) channel: string;
  @ApiProperty({ enum: K1_CATEGORIES }) category: string;
  @ApiProperty({ enum: ['early', 'on_day', 'on_time', 'late'] }) verdict: string;
  @ApiProperty({ description: 'Received before the period' }) carriedOver: boolean;
}

export class PopulationPageDto implements PopulationPage {
  @ApiProperty({ example: '2026-10-01' }) from: string;
  @ApiProperty({ example: '2026-12-31' }) to: string;
  @ApiProperty({ format: 'date-time' }) asOf: string;
  @ApiProperty({ type: [PopulationMemberDto] }) items: PopulationMemberDto[];
  @ApiProperty({ type: String, nullable: true, description: 'Pass as ?cursor= for the next page' })
  nextCursor: string | null;
}

export class ForecastDto implements Forecast {
  @ApiProperty({ ...RATE, example: 98 }) target: number;
  @ApiProperty({ type: 'integer' }) total: number;
  @ApiProperty({ type: 'integer', description: 'Ended early or on time' }) onTimeSoFar: number;
  @ApiProperty({ type: 'integer', description: 'Ended late, or open and past the appointment' })
  lateSoFar: number;
  @ApiProperty({ type: 'integer', description: 'Open and still within their deadline' })
  openPending: number;
  @ApiProperty({ type: 'integer', description: 'Of openPending, how many must finish on time' })
  required: number;
  @ApiProperty() achievable: boolean;
  @ApiProperty({ description: 'The arithmetic, in words' }) arithmetic: string;
}

export class ForecastReportDto extends ForecastDto {
  @ApiProperty({ example: '2026-10-01' }) from: string;
  @ApiProperty({ example: '2026-12-31' }) to: string;
}

const KPI_STATUSES: KpiStatus[] = ['met', 'at_risk', 'missed', 'no_target', 'not_available'];

export class KpiValueDto implements KpiValue {
  @ApiProperty({ example: 'K1' }) code: string;
  @ApiProperty({ example: 'Tỷ lệ hồ sơ giải quyết trước hạn, đúng hạn' }) name: string;
  @ApiProperty({ enum: ['percent', 'working_days'] }) unit: 'percent' | 'working_days';
  @ApiProperty({ ...RATE, nullable: true, description: 'null: no figure (see note)' })
  value: number | null;
  @ApiProperty({ ...RATE, nullable: true }) target: number | null;
  @ApiPropertyOptional({ type: 'integer' }) numerator?: number;
  @ApiPropertyOptional({ type: 'integer' }) denominator?: number;
  @ApiProperty({ enum: KPI_STATUSES }) status: KpiStatus;
  @ApiProperty({ description: 'Why the status is what it is, or why there is no value' })
  note: string;
}

export class KpiSummaryDto {
  @ApiProperty({ example: '2026-10-01' }) from: string;
  @ApiProperty({ example: '2026-12-31' }) to: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) departmentId: string | null;
  @ApiProperty({ format: 'date-time', description: "The period's end, or now while it runs" })
  asOf: string;
  @ApiProperty({ enum: BASES }) basis: FiguresBasis;
  @ApiProperty({ type: ClosureDto, nullable: true }) closure: ClosureDto | null;
  @ApiProperty({ type: [KpiValueDto], description: 'K1 to K9, in order' }) kpis: KpiValueDto[];
  @ApiProperty({ type: ForecastDto }) forecast: ForecastDto;
}

export class AtRiskItemDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() code: string;
  @ApiProperty() status: string;
  @ApiProperty() procedureCode: string;
  @ApiProperty() procedureName: string;
  @ApiProperty({ format: 'uuid' }) departmentId: string;
  @ApiProperty() departmentName: string;
  @ApiProperty({ format: 'date-time' }) dueAt: string;
  @ApiProperty({
    type: 'integer',
    description:
      '0: due today; 1: next working day; negative: overdue since that many working days',
  })
  workingDaysLeft: number;
}

export class AtRiskListDto {
  @ApiProperty({ type: [AtRiskItemDto], description: 'By due date' }) rows: AtRiskItemDto[];
}
