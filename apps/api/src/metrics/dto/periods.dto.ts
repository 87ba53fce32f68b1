import { ApiProperty } from '@nestjs/swagger';
import type { CloseOutcome, PeriodClosureView, PeriodRef } from '@app/core';
import { PERIOD_KINDS, PERIOD_TYPES, type PeriodKind, type PeriodType } from '@app/domain';
import { ClosureAdjustmentDto } from './metrics.dto';

// What the period-closing endpoints answer (chốt số liệu); each implements the view of libs/core.

export class PeriodClosureDto implements PeriodClosureView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: PERIOD_KINDS }) kind: string;
  @ApiProperty({ enum: PERIOD_TYPES }) periodType: string;
  @ApiProperty({ example: '2026-01-01' }) from: string;
  @ApiProperty({ example: '2026-03-31' }) to: string;
  @ApiProperty({ example: 'Quý I/2026' }) name: string;
  @ApiProperty({ description: 'false once re-opened' }) inForce: boolean;
  @ApiProperty({ format: 'date-time' }) closedAt: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) closedBy: string | null;
  @ApiProperty({ type: String, nullable: true }) closeNote: string | null;
  @ApiProperty() formulaVersion: string;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'The rules in force' })
  settings: Record<string, unknown>;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) reopenedAt: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) reopenedBy: string | null;
  @ApiProperty({ type: String, nullable: true }) reopenReason: string | null;
  @ApiProperty({ type: [ClosureAdjustmentDto] }) adjustments: ClosureAdjustmentDto[];
}

export class PeriodClosureListDto {
  @ApiProperty({ type: [PeriodClosureDto] }) items: PeriodClosureDto[];
}

export class PeriodRefDto implements PeriodRef {
  @ApiProperty({ enum: PERIOD_KINDS }) kind: PeriodKind;
  @ApiProperty({ enum: PERIOD_TYPES }) type: PeriodType;
  @ApiProperty({ example: '2026-01-01' }) from: string;
  @ApiProperty({ example: '2026-03-31' }) to: string;
}

export class ClosedPeriodDto extends PeriodRefDto {
  @ApiProperty({ format: 'uuid', description: 'The closure' }) id: string;
}

export class CloseOutcomeDto implements CloseOutcome {
  @ApiProperty({ type: [ClosedPeriodDto] }) closed: ClosedPeriodDto[];
  @ApiProperty({
    type: [PeriodRefDto],
    description: 'Ended, but waiting for events still in the outbox (closed by the next run)',
  })
  deferred: PeriodRefDto[];
}
