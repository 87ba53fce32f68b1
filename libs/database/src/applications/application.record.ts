import type { ReceivedDocument } from '@app/domain';

/** An application as stored, in API-facing camelCase (timestamps as Date). */
export interface ApplicationRecord {
  id: string;
  code: string;
  agencyCode: string;
  /** The lead department: accountable for the application from intake to result. */
  departmentId: string;
  /** The department holding it now: the open liên thông step's receiver, else the lead. */
  holdingDepartmentId: string;
  procedureId: string;
  procedureCode: string;
  procedureVersion: number;
  procedureName: string;
  timeLimitValue: number;
  timeLimitUnit: string;
  channel: string;
  status: string;
  applicantFullName: string;
  /** 'person' | 'organization'. */
  applicantKind: string;
  applicantIdNumber: string;
  applicantPhone: string;
  applicantEmail: string | null;
  applicantAddress: string | null;
  documents: Array<{ name: string; copies: number }>;
  /** Only where read (intake, one application): the desk's checklist. */
  receivedDocuments?: ReceivedDocument[];
  note: string | null;
  submittedAt: Date | null;
  receivedAt: Date | null;
  dueAt: Date | null;
  originalDueAt: Date | null;
  pausedDueAt: Date | null;
  supplementRequestedAt: Date | null;
  supplementCompletedAt: Date | null;
  supplementCount: number;
  apologyCount: number;
  paymentRequestedAt: Date | null;
  withdrawalRequestedAt: Date | null;
  resultReadyAt: Date | null;
  returnedAt: Date | null;
  stoppedAt: Date | null;
  stopReason: string | null;
  resultDeliveryChannel: string | null;
  assignedOfficerId: string | null;
  receivedBy: string | null;
  /** The procedure version's review chain (jsonb), and where the application is in it. */
  reviewChain: Array<{ stage: string; role: string }>;
  reviewPosition: number | null;
  resultNumber: string | null;
  resultSignedBy: string | null;
  resultSignedAt: Date | null;
  resultDigitallySigned: boolean;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

export interface HistoryRecord {
  id: number;
  at: Date;
  actorId: string | null;
  actorName: string | null;
  actorRole: string | null;
  action: string;
  fromStatus: string | null;
  toStatus: string;
  note: string | null;
  payload: Record<string, unknown>;
}

/** Columns that a transition may change (besides status and version, always set). */
export type ApplicationChanges = Partial<
  Pick<
    ApplicationRecord,
    | 'receivedAt'
    | 'dueAt'
    | 'originalDueAt'
    | 'pausedDueAt'
    | 'supplementRequestedAt'
    | 'supplementCompletedAt'
    | 'supplementCount'
    | 'apologyCount'
    | 'paymentRequestedAt'
    | 'withdrawalRequestedAt'
    | 'resultReadyAt'
    | 'returnedAt'
    | 'stoppedAt'
    | 'stopReason'
    | 'resultDeliveryChannel'
    | 'assignedOfficerId'
    | 'receivedBy'
    | 'reviewPosition'
    | 'resultNumber'
    | 'resultSignedBy'
    | 'resultSignedAt'
    | 'resultDigitallySigned'
  >
>;

export const APPLICATION_COLUMNS: Record<keyof ApplicationChanges, string> = {
  receivedAt: 'received_at',
  dueAt: 'due_at',
  originalDueAt: 'original_due_at',
  pausedDueAt: 'paused_due_at',
  supplementRequestedAt: 'supplement_requested_at',
  supplementCompletedAt: 'supplement_completed_at',
  supplementCount: 'supplement_count',
  apologyCount: 'apology_count',
  paymentRequestedAt: 'payment_requested_at',
  withdrawalRequestedAt: 'withdrawal_requested_at',
  resultReadyAt: 'result_ready_at',
  returnedAt: 'returned_at',
  stoppedAt: 'stopped_at',
  stopReason: 'stop_reason',
  resultDeliveryChannel: 'result_delivery_channel',
  assignedOfficerId: 'assigned_officer_id',
  receivedBy: 'received_by',
  reviewPosition: 'review_position',
  resultNumber: 'result_number',
  resultSignedBy: 'result_signed_by',
  resultSignedAt: 'result_signed_at',
  resultDigitallySigned: 'result_digitally_signed',
};

/**
 * The FROM clause APPLICATION_SELECT reads: the application, its procedure version and its
 * open liên thông step if any (at most one: unique partial index application_steps_open). A
 * join rather than a scalar subquery keeps the plans parallel-safe.
 */
export const APPLICATION_FROM = `applications a JOIN procedures p ON p.id = a.procedure_id
  LEFT JOIN application_steps hs ON hs.application_id = a.id AND hs.completed_at IS NULL`;

/** SELECT list producing ApplicationRecord fields from APPLICATION_FROM. */
export const APPLICATION_SELECT = `
  a.id, a.code, a.agency_code AS "agencyCode", a.department_id AS "departmentId",
  coalesce(hs.to_department_id, a.department_id) AS "holdingDepartmentId",
  a.procedure_id AS "procedureId", a.procedure_code AS "procedureCode", p.version AS "procedureVersion",
  p.name AS "procedureName", p.time_limit_value AS "timeLimitValue", p.time_limit_unit AS "timeLimitUnit",
  a.channel, a.status, a.applicant_full_name AS "applicantFullName", a.applicant_kind AS "applicantKind",
  a.applicant_id_number AS "applicantIdNumber",
  a.applicant_phone AS "applicantPhone", a.applicant_email AS "applicantEmail", a.applicant_address AS "applicantAddress",
  a.documents, a.note, a.submitted_at AS "submittedAt", a.received_at AS "receivedAt", a.due_at AS "dueAt",
  a.original_due_at AS "originalDueAt", a.paused_due_at AS "pausedDueAt",
  a.supplement_requested_at AS "supplementRequestedAt", a.supplement_completed_at AS "supplementCompletedAt",
  a.supplement_count AS "supplementCount", a.apology_count AS "apologyCount",
  a.payment_requested_at AS "paymentRequestedAt", a.withdrawal_requested_at AS "withdrawalRequestedAt",
  a.result_ready_at AS "resultReadyAt", a.returned_at AS "returnedAt", a.stopped_at AS "stoppedAt",
  a.stop_reason AS "stopReason", a.result_delivery_channel AS "resultDeliveryChannel",
  a.assigned_officer_id AS "assignedOfficerId", a.received_by AS "receivedBy",
  p.review_chain AS "reviewChain", a.review_position AS "reviewPosition",
  a.result_number AS "resultNumber", a.result_signed_by AS "resultSignedBy",
  a.result_signed_at AS "resultSignedAt", a.result_digitally_signed AS "resultDigitallySigned", a.version,
  a.created_at AS "createdAt", a.updated_at AS "updatedAt"`;
