import { ApiProperty } from '@nestjs/swagger';
import type { ApplicationStepRecord } from '@app/database';

/** One liên thông step (a Mẫu 05 hand-over row) with its budget, clock and receipt. */
export class ApplicationStepDto implements ApplicationStepRecord {
  @ApiProperty({ type: 'integer' }) id: number;
  @ApiProperty({
    type: 'integer',
    description: "0 is the lead department's own time before the first hand-over",
  })
  seq: number;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) fromDepartmentId: string | null;
  @ApiProperty({ format: 'uuid' }) toDepartmentId: string;
  @ApiProperty({ type: String, format: 'date-time' }) handedOverAt: Date;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) handedOverBy: string | null;
  @ApiProperty({ type: 'integer' }) budgetWorkingDays: number;
  @ApiProperty({
    enum: ['requested', 'process', 'remaining'],
    description: "The sender's request, the internal process, or the time left",
  })
  budgetSource: ApplicationStepRecord['budgetSource'];
  @ApiProperty({ type: String, format: 'date-time', description: 'First due date' })
  baseDueAt: Date;
  @ApiProperty({
    type: String,
    format: 'date-time',
    description: "In force: pushed back by the applicant's waits during the step",
  })
  dueAt: Date;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) completedAt: Date | null;
  @ApiProperty({ enum: ['early', 'on_time', 'late'], nullable: true })
  outcome: ApplicationStepRecord['outcome'];
  @ApiProperty({
    enum: ['handed_over', 'result_ready', 'stopped', 'withdrawn', 'rejected'],
    nullable: true,
  })
  ending: ApplicationStepRecord['ending'];
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) closedBy: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) acknowledgedAt: Date | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) acknowledgedBy: string | null;
  @ApiProperty({ type: String, nullable: true }) note: string | null;
}
