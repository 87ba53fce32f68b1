import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { Forecast, KpiStatus, KpiValue } from '@app/core';
import type { MetricsGroupBy } from '@app/database';
import { GROUP_BY } from './metrics.query';

// What the managers' metrics endpoints answer (domain spec section 4). The shapes follow
// KpiSummaryService and OnTimeMetricsService in libs/core; where a view type exists the DTO
// implements it, so a field added there and not here fails the type check.

const RATE = { type: 'number', format: 'double' } as const;

/** K1's counts over the population of the range. */
export class OnTimeFiguresDto {
  @ApiProperty({ type: 'integer', description: 'The population P' }) total: number;
  @ApiProperty({ type: 'integer' }) early: number;
  @ApiProperty({ type: 'integer' }) onTime: number;
  @ApiProperty({ type: 'integer' }) late: number;
  @ApiProperty({ type: 'integer', description: 'Still open at the cut-off' }) open: number;
  @ApiProperty({ type: 'integer', description: 'Open and already past their appointment' })
  openOverdue: number;
  @ApiProperty({
    ...RATE,
    nullable: true,
    example: 98.5,
    description:
      '(early + onTime + open − openOverdue) ÷ total × 100, 2 decimals; null when total is 0',
  })
  rate: number | null;
}

export class OnTimeRowDto extends OnTimeFiguresDto {
  @ApiProperty({ description: 'Department or procedure id, channel, YYYY-MM or YYYY-Qn' })
  key: string;
  @ApiProperty({ example: 'Phòng Giáo dục Trung học' }) label: string;
}

export class OnTimeReportDto {
  @ApiProperty({ example: '2026-10-01' }) from: string;
  @ApiProperty({ example: '2026-12-31' }) to: string;
  @ApiProperty({ enum: GROUP_BY }) groupBy: MetricsGroupBy;
  @ApiProperty({ type: [OnTimeRowDto] }) rows: OnTimeRowDto[];
  @ApiProperty({ type: OnTimeFiguresDto }) total: OnTimeFiguresDto;
}

export class ForecastDto implements Forecast {
  @ApiProperty({ ...RATE, example: 98 }) target: number;
  @ApiProperty({ type: 'integer' }) total: number;
  @ApiProperty({ type: 'integer', description: 'Closed early or on time' }) onTimeSoFar: number;
  @ApiProperty({ type: 'integer', description: 'Closed late, or open and past the appointment' })
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
