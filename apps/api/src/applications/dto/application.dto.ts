import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { ApplicationView, HistoryView, Page } from '@app/core';
import {
  ApplicationStatus,
  Channel,
  CLOCK_STATES,
  type ClockState,
  DocumentForm,
  type ReceivedDocument,
  TransitionAction,
} from '@app/domain';
import { TIME_LIMIT_UNITS } from '../../catalog/dto/procedure.dto';

// The application as the staff API answers it. Each class implements the view libs/core
// returns, so a field added there and not documented here fails the type check.

type ProcedureView = ApplicationView['procedure'];
type ApplicantView = ApplicationView['applicant'];
type TimeLimitView = ProcedureView['timeLimit'];

export class ApplicationTimeLimitDto implements TimeLimitView {
  @ApiProperty({ type: 'integer', example: 5 }) value: number;
  @ApiProperty({ enum: TIME_LIMIT_UNITS, example: 'working_days' }) unit: string;
}

export class ApplicationProcedureDto implements ProcedureView {
  @ApiProperty({ format: 'uuid', description: 'Id of the version received under' }) id: string;
  @ApiProperty({ example: '2.001914' }) code: string;
  @ApiProperty({ type: 'integer', example: 1 }) version: number;
  @ApiProperty({ example: 'Chỉnh sửa nội dung văn bằng, chứng chỉ' }) name: string;
  @ApiProperty({ type: ApplicationTimeLimitDto }) timeLimit: ApplicationTimeLimitDto;
}

export class ApplicantViewDto implements ApplicantView {
  @ApiProperty({ example: 'Nguyễn Văn An' }) fullName: string;
  @ApiProperty({ enum: ['person', 'organization'] }) kind: string;
  @ApiProperty({
    example: '001203004567',
    description: 'Masked in lists (********4567); whole in GET /applications/{idOrCode}',
  })
  idNumber: string;
  @ApiProperty({
    example: '0912345678',
    description: 'Masked in lists (091*******); whole in GET /applications/{idOrCode}',
  })
  phone: string;
  @ApiProperty({ type: String, nullable: true }) email: string | null;
  @ApiProperty({ type: String, nullable: true }) address: string | null;
}

export class ApplicationDocumentDto {
  @ApiProperty({ example: 'Đơn đề nghị chỉnh sửa văn bằng' }) name: string;
  @ApiProperty({ type: 'integer', example: 1 }) copies: number;
}

export class ReviewStepDto {
  @ApiProperty({ enum: ['review', 'sign'] }) stage: string;
  @ApiProperty({ enum: ['head', 'director'] }) role: string;
}

export class ReviewDto {
  @ApiProperty({ type: [ReviewStepDto] }) chain: ReviewStepDto[];
  @ApiProperty({
    type: 'integer',
    nullable: true,
    description: 'Index of the pending step; null with the officer; chain length once signed',
  })
  position: number | null;
}

export class ReceivedDocumentDto implements ReceivedDocument {
  @ApiProperty({ format: 'uuid', description: 'The procedure document checked' })
  procedureDocumentId: string;
  @ApiProperty({ example: 'Đơn đề nghị chỉnh sửa văn bằng', description: 'As named at intake' })
  name: string;
  @ApiProperty({ enum: DocumentForm, description: 'original = bản chính, copy = bản sao' })
  form: DocumentForm;
  @ApiProperty({ type: 'integer', minimum: 1, maximum: 99, example: 1 }) copies: number;
}

export class HistoryActorDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ type: String, nullable: true }) name: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'officer' }) role: string | null;
}

export class HistoryEntryDto implements HistoryView {
  @ApiProperty({ type: 'integer', description: "The entry's id (an admin's correctsEntryId)" })
  id: number;
  @ApiProperty({ format: 'date-time' }) at: string;
  @ApiProperty({ example: 'receive', description: 'The action (TransitionAction) or "intake"' })
  action: string;
  @ApiProperty({ type: String, enum: ApplicationStatus, nullable: true })
  fromStatus: string | null;
  @ApiProperty({ enum: ApplicationStatus }) toStatus: string;
  @ApiProperty({ type: HistoryActorDto, nullable: true }) actor: HistoryActorDto | null;
  @ApiProperty({ type: String, nullable: true }) note: string | null;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'What the action recorded (reasons, new due date, receiving department, …)',
  })
  payload: Record<string, unknown>;
}

export class ApplicationDto implements ApplicationView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: '000.00.12.H00-260302-0001' }) code: string;
  @ApiProperty({ enum: ApplicationStatus }) status: string;
  @ApiProperty({
    type: 'integer',
    nullable: true,
    example: 2,
    description: 'DVCQG status code (1–10); null when the status has none (incomplete_at_desk)',
  })
  portalStatusCode: number | null;
  @ApiProperty({ example: 'Đã tiếp nhận' }) statusLabel: string;
  @ApiProperty({
    enum: CLOCK_STATES,
    example: 'running',
    description:
      'The deadline clock: not_started (never received), running, paused (waiting for the ' +
      'applicant: a supplement; a payment only when PAYMENT_PAUSES_CLOCK is on), stopped (ended)',
  })
  clock: ClockState;
  @ApiProperty({ type: ApplicationProcedureDto }) procedure: ApplicationProcedureDto;
  @ApiProperty({ format: 'uuid', description: 'The lead department, accountable for it' })
  departmentId: string;
  @ApiProperty({ format: 'uuid', description: 'The department holding it now (liên thông)' })
  holdingDepartmentId: string;
  @ApiProperty({ enum: Channel }) channel: string;
  @ApiProperty({ type: ApplicantViewDto }) applicant: ApplicantViewDto;
  @ApiProperty({ type: [ApplicationDocumentDto], description: 'Documents given as free text' })
  documents: ApplicationDocumentDto[];
  @ApiPropertyOptional({
    type: [ReceivedDocumentDto],
    description: "The desk's checklist (one application and the intake answer; not in lists)",
  })
  receivedDocuments?: ReceivedDocumentDto[];
  @ApiProperty({ type: String, nullable: true }) note: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) submittedAt: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) receivedAt: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'Appointment' })
  dueAt: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  originalDueAt: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  pausedDueAt: string | null;
  @ApiProperty({ type: 'integer' }) supplementCount: number;
  @ApiProperty({ type: 'integer' }) apologyCount: number;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) resultReadyAt: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) returnedAt: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) stoppedAt: string | null;
  @ApiProperty({ type: String, nullable: true }) stopReason: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  withdrawalRequestedAt: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) assignedOfficerId: string | null;
  @ApiProperty({
    type: ReviewDto,
    description: "The procedure's review chain and the pending step (null: with the officer)",
  })
  review: ReviewDto;
  @ApiProperty({ type: String, nullable: true, description: "The signed result's number" })
  resultNumber: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'Who signed it' })
  resultSignedBy: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  resultSignedAt: string | null;
  @ApiProperty({ type: 'integer', description: 'Send it back with the next action (409 if stale)' })
  version: number;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
  @ApiPropertyOptional({
    enum: TransitionAction,
    isArray: true,
    description: 'What the caller may do next',
  })
  availableActions?: TransitionAction[];
  @ApiPropertyOptional({ type: [HistoryEntryDto], description: 'In GET /applications/{idOrCode}' })
  history?: HistoryEntryDto[];
}

export class ApplicationPageDto implements Page<ApplicationDto> {
  @ApiProperty({ type: [ApplicationDto] }) items: ApplicationDto[];
  @ApiProperty({ type: String, nullable: true, description: 'Pass as ?cursor= for the next page' })
  nextCursor: string | null;
}
