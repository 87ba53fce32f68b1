import type { ApplicationView, HistoryView } from '../applications/application.view';
import {
  ApplicationStatus,
  Channel,
  Role,
  STOP_REASON_RULES,
  StopReason,
  DomainError,
  DomainErrorCode,
  k1StandingAt,
  k1TimelineOf,
  toLocalDate,
  type K1Context,
  TransitionAction as A,
  type TimeLimit,
} from '@app/domain';
import { closedStepOf, controlSheetRows } from './control-sheet-rows';
import {
  addresseeOf,
  legalBasisOn,
  youOf,
  type ApplicantKind,
  type StopNoticeData,
  statusPageUrl,
  type ApologyData,
  type ApplicantData,
  type ControlSheetData,
  type FormBase,
  type Organization,
  type ReceiptData,
  type RefusalData,
  type StepResult,
  type SupplementRequestData,
} from '@app/documents';

// From the application as the API sees it (with its history) to what each form prints.

export interface DocumentContext {
  organization: Organization;
  publicBaseUrl: string;
  /** Department names by id: the application's and any named in its history. */
  departmentNames: ReadonlyMap<string, string>;
  now: Date;
  /** K1's settings and calendar: the control sheet's verdict is K1's. */
  k1?: K1Context;
}

/** The application has no such document (never received, no supplement request, …): 404. */
function noDocument(app: ApplicationView, what: string): DomainError {
  return new DomainError(DomainErrorCode.NotFound, `Application ${app.code} has no ${what}`);
}

const lastEntry = (app: ApplicationView, action: A): HistoryView | undefined =>
  (app.history ?? []).filter((h) => h.action === String(action)).at(-1);

const strings = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];

const optionalString = (value: unknown): string | null =>
  typeof value === 'string' && value.trim() !== '' ? value : null;

function departmentName(ctx: DocumentContext, id: string): string {
  return ctx.departmentNames.get(id) ?? ctx.organization.agencyName;
}

const kindOf = (app: ApplicationView): ApplicantKind =>
  app.applicant.kind === 'organization' ? 'organization' : 'person';

function applicantOf(app: ApplicationView): ApplicantData {
  const { fullName, address, phone, email } = app.applicant;
  return { fullName, kind: kindOf(app), address, phone, email };
}

function base(app: ApplicationView, ctx: DocumentContext, issuedAt: Date): FormBase {
  const since = app.receivedAt ?? app.submittedAt ?? app.createdAt;
  return {
    organization: ctx.organization,
    legalBasis: legalBasisOn(toLocalDate(new Date(since))),
    issuedAt,
    code: app.code,
  };
}

/** Where the applicant collects the result, from the channel the dossier came by. */
function resultPlace(app: ApplicationView, ctx: DocumentContext): string {
  switch (app.channel as Channel) {
    case Channel.Online:
      return 'Trực tuyến, trên Cổng Dịch vụ công (bản điện tử)';
    case Channel.Postal:
      return 'Qua dịch vụ bưu chính công ích, tại địa chỉ của người nộp hồ sơ';
    case Channel.Direct:
    default:
      return `Bộ phận Một cửa – ${ctx.organization.agencyName}`;
  }
}

/** The checklist's documents (original/copy, copies), then any handed in as free text. */
function receivedDocumentsOf(app: ApplicationView): ReceiptData['documents'] {
  return [
    ...(app.receivedDocuments ?? []).map(({ name, form, copies }) => ({ name, form, copies })),
    ...app.documents,
  ];
}

export function receiptFrom(app: ApplicationView, ctx: DocumentContext): ReceiptData {
  // The receipt states the appointment given at reception (an apology has its own letter).
  const appointment = app.originalDueAt ?? app.dueAt;
  if (!app.receivedAt || !appointment) {
    throw noDocument(app, 'receipt: it was not received');
  }
  const received = lastEntry(app, A.Receive);
  return {
    ...base(app, ctx, new Date(app.receivedAt)),
    // The desk receives for the agency; the department that will process it is not the receiver.
    receivingUnit: deskUnit(ctx),
    applicant: applicantOf(app),
    matter: app.procedure.name,
    documents: receivedDocumentsOf(app),
    sets: 1,
    timeLimit: app.procedure.timeLimit as TimeLimit,
    receivedAt: new Date(app.receivedAt),
    appointmentAt: new Date(appointment),
    resultPlace: resultPlace(app, ctx),
    logbookEntry: app.code,
    receivingOfficer: received?.actor?.name ?? null,
    statusUrl: statusPageUrl(ctx.publicBaseUrl, app.code),
  };
}

/** The one-stop desk of the agency: it receives, guides at the counter, refuses and returns. */
export function deskUnit(ctx: DocumentContext): string {
  return `Bộ phận Một cửa – ${ctx.organization.agencyName}`;
}

/**
 * Mẫu 02, from the latest request: the desk's guidance before reception (incomplete at the
 * desk), or the handling department's supplement request during processing.
 */
export function supplementRequestFrom(
  app: ApplicationView,
  ctx: DocumentContext,
): SupplementRequestData {
  const entry = (app.history ?? [])
    .filter(
      (h) => h.action === String(A.RequestSupplement) || h.action === String(A.RequestCompletion),
    )
    .at(-1);
  if (!entry) {
    throw noDocument(app, 'supplement request');
  }
  const atDesk = entry.action === String(A.RequestCompletion);
  const unit = atDesk ? deskUnit(ctx) : departmentName(ctx, app.departmentId);
  const officer = entry.actor?.name ?? null;
  return {
    ...base(app, ctx, new Date(entry.at)),
    unit,
    applicant: applicantOf(app),
    matter: app.procedure.name,
    items: strings(entry.payload.items),
    reason: optionalString(entry.payload.reason),
    contact: officer ? `ông/bà ${officer}, ${unit}` : unit,
    guidingOfficer: officer,
  };
}

export function refusalFrom(app: ApplicationView, ctx: DocumentContext): RefusalData {
  const entry = lastEntry(app, A.Refuse);
  if (app.status !== String(ApplicationStatus.NotAccepted) || !entry) {
    throw noDocument(app, 'refusal: it was not refused');
  }
  return {
    ...base(app, ctx, new Date(entry.at)),
    // Only the desk refuses to receive (Mẫu 03): it is the desk that refused.
    unit: deskUnit(ctx),
    applicant: applicantOf(app),
    matter: app.procedure.name,
    reasons: strings(entry.payload.reasons),
    officer: entry.actor?.name ?? null,
  };
}

export function apologyFrom(app: ApplicationView, ctx: DocumentContext): ApologyData {
  const entry = lastEntry(app, A.Apologize);
  const newDueAt = optionalString(entry?.payload.newDueAt);
  // The appointment the letter moves is the one in force then (after a restart, not the first).
  const originalDueAt = optionalString(entry?.payload.previousDueAt) ?? app.originalDueAt;
  if (!entry || !newDueAt || !originalDueAt || !app.receivedAt) {
    throw noDocument(app, 'apology');
  }
  const responsible = optionalString(entry.payload.responsibleDepartmentId) ?? app.departmentId;
  return {
    ...base(app, ctx, new Date(entry.at)),
    addressee: addresseeOf(applicantOf(app)),
    you: youOf(kindOf(app)),
    receivingAgency: ctx.organization.agencyName,
    responsibleAgency: departmentName(ctx, responsible),
    receivedAt: new Date(app.receivedAt),
    originalDueAt: new Date(originalDueAt),
    reason: optionalString(entry.payload.reason) ?? '',
    newDueAt: new Date(newDueAt),
    ...apologySigner(entry),
  };
}

/** The application's verdict as K1 gives it now (early / on time / late), or null if open. */
export function k1ResultOf(app: ApplicationView, k1: K1Context, now: Date): StepResult | null {
  if (!app.receivedAt) {
    return null;
  }
  const timeline = k1TimelineOf({
    receivedAt: new Date(app.receivedAt),
    appointmentAt: app.originalDueAt ? new Date(app.originalDueAt) : null,
    limit: app.procedure.timeLimit as TimeLimit,
    history: (app.history ?? []).map((h) => ({
      at: new Date(h.at),
      action: h.action,
      stopReason: optionalString(h.payload.stopReason),
    })),
  });
  const standing = k1StandingAt(timeline, new Date(now.getTime() + 1), k1);
  if (standing.category === 'open') {
    return null;
  }
  return standing.verdict === 'early' ? 'early' : standing.verdict === 'late' ? 'late' : 'on_time';
}

/** The head of the agency signs in their own name; a delegate "TL." (thừa lệnh) for them. */
function apologySigner(entry: HistoryView): { signerTitle: string; signerName: string | null } {
  const signer = entry.payload.signer as { capacity?: unknown } | undefined;
  const name = entry.actor?.name ?? null;
  switch (signer?.capacity) {
    case 'head_of_agency':
      return { signerTitle: 'Giám đốc', signerName: name };
    case 'delegate':
      return { signerTitle: 'TL. Giám đốc', signerName: name };
    default:
      // Before signers were recorded, or an admin's correction: left to sign by hand.
      return { signerTitle: 'Thủ trưởng cơ quan', signerName: null };
  }
}

export function stopNoticeFrom(app: ApplicationView, ctx: DocumentContext): StopNoticeData {
  const entry = lastEntry(app, A.Stop);
  if (app.status !== String(ApplicationStatus.Stopped) || !entry || !app.receivedAt) {
    throw noDocument(app, 'stop notice: it was not stopped');
  }
  const reason = (optionalString(entry.payload.stopReason) ?? app.stopReason) as StopReason | null;
  const rule = reason ? STOP_REASON_RULES[reason] : undefined;
  const stoppingUnit = stoppingUnitOf(app, entry, ctx);
  return {
    ...base(app, ctx, new Date(entry.at)),
    addressee: addresseeOf(applicantOf(app)),
    you: youOf(kindOf(app)),
    receivingAgency: ctx.organization.agencyName,
    receivedAt: new Date(app.receivedAt),
    matter: app.procedure.name,
    stoppingUnit,
    stoppedAt: new Date(entry.at),
    reasonLabel: rule?.labelVi ?? STOP_REASON_RULES[StopReason.Other].labelVi,
    reasonDetail: optionalString(entry.payload.reason),
    signerTitle: entry.actor?.role === String(Role.Director) ? 'Giám đốc' : 'Thủ trưởng đơn vị',
    signerName: entry.actor?.role === String(Role.Admin) ? null : (entry.actor?.name ?? null),
  };
}

/** Who stopped: the agency's leadership (director), else the department holding the dossier. */
function stoppingUnitOf(app: ApplicationView, entry: HistoryView, ctx: DocumentContext): string {
  if (entry.actor?.role === String(Role.Director)) {
    return ctx.organization.agencyName;
  }
  return departmentName(ctx, optionalString(entry.payload.departmentId) ?? app.departmentId);
}

export function controlSheetFrom(app: ApplicationView, ctx: DocumentContext): ControlSheetData {
  const leadAgency = departmentName(ctx, app.departmentId);
  const steps = (app.history ?? [])
    .map((h) => closedStepOf(h.payload))
    .filter((c) => c !== null)
    .sort((a, b) => a.seq - b.seq);
  const names = (ids: Array<string | null>) => [
    ...new Set(ids.filter((id): id is string => id !== null).map((id) => departmentName(ctx, id))),
  ];
  const handedTo = (app.history ?? [])
    .filter((h) => h.action === String(A.HandOver))
    .map((h) => optionalString(h.payload.toDepartmentId))
    .filter((id) => id !== app.departmentId);
  return {
    ...base(app, ctx, ctx.now),
    receiptNumber: app.code,
    leadAgency,
    coordinatingAgencies: names(handedTo),
    appointmentAt: app.dueAt ? new Date(app.dueAt) : null,
    originalAppointmentAt: app.originalDueAt ? new Date(app.originalDueAt) : null,
    lateDepartments: names(steps.filter((c) => c.outcome === 'late').map((c) => c.departmentId)),
    rows: controlSheetRows(
      app,
      {
        agencyName: ctx.organization.agencyName,
        departmentName: leadAgency,
        departments: ctx.departmentNames,
      },
      ctx.k1 ? k1ResultOf(app, ctx.k1, ctx.now) : null,
    ),
  };
}

/** Departments whose names the documents of `app` print. */
export function departmentIdsOf(app: ApplicationView): string[] {
  const named = (app.history ?? [])
    .flatMap((h) => [
      optionalString(h.payload.responsibleDepartmentId),
      optionalString(h.payload.fromDepartmentId),
      optionalString(h.payload.toDepartmentId),
      closedStepOf(h.payload)?.departmentId ?? null,
      optionalString(h.payload.departmentId),
    ])
    .filter((id): id is string => id !== null);
  return [...new Set([app.departmentId, ...named])];
}
