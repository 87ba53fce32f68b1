import type { ReceivedDocument } from '@app/domain';
import { currentTraceContext } from '@app/observability';
import type { NewApplication } from './application.repository';
import { pgErrorInfo } from '../repositories/postgres';

/**
 * SQLSTATE classes a single intake's own data can cause (22 data exception, 23 integrity, e.g.
 * a checked document removed meanwhile) or that a retry alone can cure (40 deadlock or
 * serialization): after them each intake of the group is tried alone, so only the bad one gets
 * the error. Anything else (connection lost, timeout, shutdown) would fail alone too.
 */
const PER_INTAKE_ERROR_CLASSES = new Set(['22', '23', '40']);

export function isPerIntakeError(error: unknown): boolean {
  return PER_INTAKE_ERROR_CLASSES.has((pgErrorInfo(error).code ?? '').slice(0, 2));
}

/** One intake as the statement reads it: a JSON object, names as in the column list below. */
export interface IntakeRow {
  id: string;
  agency_code: string;
  code_day: string;
  code_date: string;
  department_id: string;
  procedure_id: string;
  procedure_code: string;
  channel: string;
  status: string;
  applicant_full_name: string;
  applicant_kind: string;
  applicant_id_number: string;
  applicant_phone: string;
  applicant_email: string | null;
  applicant_address: string | null;
  search_text: string;
  documents: unknown;
  note: string | null;
  submitted_at: Date | null;
  received_at: Date | null;
  due_at: Date | null;
  received_by: string | null;
  history_at: Date;
  actor_id: string | null;
  actor_role: string;
  action: string;
  from_status: string | null;
  history_note: string | null;
  history_payload: unknown;
  event_id: string;
  event_type: string;
  event_payload: unknown;
  trace_context: string | null;
  received: Array<ReceivedDocument & { position: number }>;
}

export interface IntakeWritten {
  id: string;
  code: string;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

/**
 * The statement's row for one intake. Read where the intake is made, not where its group is
 * written: the request's trace travels with the event to the relay and the jobs it causes.
 */
export function intakeRow(app: NewApplication): IntakeRow {
  const h = app.history;
  return {
    id: app.id,
    agency_code: app.agencyCode,
    code_day: app.codeDay,
    code_date: app.codeDay.slice(2).replace(/-/g, ''),
    department_id: app.procedure.departmentId,
    procedure_id: app.procedure.id,
    procedure_code: app.procedure.code,
    channel: app.channel,
    status: app.status,
    applicant_full_name: app.applicant.fullName,
    applicant_kind: app.applicant.kind,
    applicant_id_number: app.applicant.idNumber,
    applicant_phone: app.applicant.phone,
    applicant_email: app.applicant.email,
    applicant_address: app.applicant.address,
    search_text: app.searchText,
    documents: app.documents,
    note: app.note,
    submitted_at: app.submittedAt,
    received_at: app.receivedAt,
    due_at: app.dueAt,
    received_by: app.receivedBy,
    history_at: h.at,
    // Who acted, even when nobody received it yet (a submission logged by staff).
    actor_id: h.actorId,
    actor_role: h.actorRole,
    action: h.action,
    from_status: h.fromStatus,
    history_note: h.note,
    history_payload: h.payload,
    event_id: app.event.id,
    event_type: app.event.type,
    event_payload: app.event.payload,
    trace_context: currentTraceContext(),
    received: app.receivedDocuments.map((d, i) => ({ ...d, position: i + 1 })),
  };
}

/**
 * One statement writes a group of intakes (often one): for each, the next number of its
 * agency's daily counter, the application, its first history row, its outbox event and its
 * checklist. As one statement it is one round trip and one implicit transaction, so the
 * counter rows are locked for the shortest possible time and a failure gives every number
 * back (gap-free codes). A counter takes one increment per agency and day, the group's count,
 * and its rows are numbered in the order they were submitted; counters are locked in key
 * order, so two groups cannot deadlock on them. An intake whose procedure version ($1's
 * procedure_id) is no longer the current one of its department and agency is skipped, and
 * returns no row: so intake may prepare from a cached procedure.
 */
export const INTAKE_SQL = `
WITH input AS (
  SELECT t.*, t.ordinality AS ord FROM ROWS FROM (jsonb_to_recordset($1::jsonb) AS (
    id uuid, agency_code text, code_day date, code_date text, department_id uuid, procedure_id uuid,
    procedure_code text, channel text, status text, applicant_full_name text, applicant_kind text,
    applicant_id_number text, applicant_phone text, applicant_email text, applicant_address text,
    search_text text, documents jsonb, note text, submitted_at timestamptz, received_at timestamptz,
    due_at timestamptz, received_by uuid, history_at timestamptz, actor_id uuid, actor_role text,
    action text, from_status text, history_note text, history_payload jsonb, event_id uuid,
    event_type text, event_payload jsonb, trace_context text, received jsonb)) WITH ORDINALITY AS t
), current_input AS (
  SELECT i.* FROM input i
  WHERE EXISTS (
    SELECT 1 FROM procedures p JOIN departments d ON d.id = p.department_id
    WHERE p.id = i.procedure_id AND p.is_current AND p.department_id = i.department_id
      AND d.agency_code = i.agency_code)
), counter AS (
  INSERT INTO application_code_counters (agency_code, day, last_value)
  SELECT agency_code, code_day, count(*) FROM current_input
  GROUP BY agency_code, code_day ORDER BY agency_code, code_day
  ON CONFLICT (agency_code, day) DO UPDATE
    SET last_value = application_code_counters.last_value + excluded.last_value
  RETURNING agency_code, day, last_value
), numbered AS (
  SELECT i.*, c.last_value - count(*) OVER day_group + row_number() OVER (day_group ORDER BY i.ord) AS seq
  FROM current_input i JOIN counter c ON c.agency_code = i.agency_code AND c.day = i.code_day
  WINDOW day_group AS (PARTITION BY i.agency_code, i.code_day)
), coded AS (
  SELECT n.*, n.agency_code || '-' || n.code_date || '-' ||
    CASE WHEN n.seq < 10000 THEN lpad(n.seq::text, 4, '0') ELSE n.seq::text END AS code
  FROM numbered n
), app AS (
  INSERT INTO applications (id, code, agency_code, department_id, procedure_id, procedure_code, channel, status,
    applicant_full_name, applicant_id_number, applicant_phone, applicant_email, applicant_address, search_text,
    documents, note, submitted_at, received_at, due_at, original_due_at, received_by, applicant_kind)
  SELECT id, code, agency_code, department_id, procedure_id, procedure_code, channel, status,
    applicant_full_name, applicant_id_number, applicant_phone, applicant_email, applicant_address,
    search_text || ' ' || lower(code), documents, note, submitted_at, received_at, due_at, due_at,
    received_by, applicant_kind
  FROM coded ORDER BY ord
  RETURNING id, code, version, created_at, updated_at
), history AS (
  INSERT INTO application_history (application_id, at, actor_id, actor_role, action, from_status, to_status, note, payload)
  SELECT c.id, c.history_at, c.actor_id, c.actor_role, c.action, c.from_status, c.status, c.history_note, c.history_payload
  FROM coded c JOIN app USING (id) ORDER BY c.ord
), event AS (
  INSERT INTO outbox_events (id, aggregate_type, aggregate_id, type, payload, occurred_at, trace_context)
  SELECT c.event_id, 'application', c.id, c.event_type, c.event_payload || jsonb_build_object('code', c.code),
    c.history_at, c.trace_context
  FROM coded c JOIN app USING (id) ORDER BY c.ord
), received AS (
  INSERT INTO application_received_documents (application_id, position, procedure_document_id, name, form, copies)
  SELECT c.id, d.position, d."procedureDocumentId", d.name, d.form, d.copies
  FROM coded c JOIN app USING (id),
    jsonb_to_recordset(c.received) AS d(position smallint, "procedureDocumentId" uuid, name text, form text, copies smallint)
)
SELECT id, code, version, created_at AS "createdAt", updated_at AS "updatedAt" FROM app`;
