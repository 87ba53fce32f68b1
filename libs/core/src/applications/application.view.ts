import {
  Actor,
  ApplicationStatus,
  ApplicationPlace,
  availableActions,
  canActOnApplication,
  ClockPauseRules,
  ClockState,
  clockStateOf,
  offeredActions,
  OfferRules,
  OfferState,
  ReviewStep,
  maskIdNumber,
  maskPhone,
  PORTAL_STATUS_CODE,
  type ReceivedDocument,
  STATUS_LABEL_VI,
  TransitionAction,
} from '@app/domain';
import { ApplicationRecord, HistoryRecord } from '@app/database';

/** The application as the staff API returns it. */
export interface ApplicationView {
  id: string;
  code: string;
  status: string;
  /** null: no national code (incomplete at the desk). */
  portalStatusCode: number | null;
  statusLabel: string;
  /** The deadline clock now (clockStateOf): a payment wait pauses it only when configured. */
  clock: ClockState;
  procedure: {
    id: string;
    code: string;
    version: number;
    name: string;
    timeLimit: { value: number; unit: string };
  };
  /** The lead department, accountable for the application. */
  departmentId: string;
  /** The department holding it now (liên thông); the lead department when not handed over. */
  holdingDepartmentId: string;
  channel: string;
  applicant: {
    fullName: string;
    /** 'person' or 'organization' (a school, a company): how letters address it. */
    kind: string;
    idNumber: string;
    phone: string;
    email: string | null;
    address: string | null;
  };
  /** Free-text documents (procedures without a published list, extras). */
  documents: Array<{ name: string; copies: number }>;
  /** The desk's checklist (one application and the intake answer only; lists leave it out). */
  receivedDocuments?: ReceivedDocument[];
  note: string | null;
  submittedAt: string | null;
  receivedAt: string | null;
  dueAt: string | null;
  originalDueAt: string | null;
  pausedDueAt: string | null;
  supplementCount: number;
  apologyCount: number;
  resultReadyAt: string | null;
  returnedAt: string | null;
  stoppedAt: string | null;
  stopReason: string | null;
  withdrawalRequestedAt: string | null;
  assignedOfficerId: string | null;
  /** Review and signature: the procedure's chain, and the pending step (null: with the officer). */
  review: {
    chain: Array<{ stage: string; role: string }>;
    position: number | null;
  };
  /** The signed result: its number, signer and time (null until signed). */
  resultNumber: string | null;
  resultSignedBy: string | null;
  resultSignedAt: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
  /** What the caller may do next (the web app offers only these). */
  availableActions?: TransitionAction[];
  history?: HistoryView[];
}

export interface HistoryView {
  /** The entry's id: what an admin's correction names (correctsEntryId). */
  id: number;
  at: string;
  action: string;
  fromStatus: string | null;
  toStatus: string;
  actor: { id: string; name: string | null; role: string | null } | null;
  note: string | null;
  payload: Record<string, unknown>;
}

const iso = (d: Date | null): string | null => (d ? new Date(d).toISOString() : null);

export function placeOf(r: ApplicationRecord): ApplicationPlace {
  return { leadDepartmentId: r.departmentId, holdingDepartmentId: r.holdingDepartmentId };
}

export function offerStateOf(r: ApplicationRecord): OfferState {
  return {
    status: r.status as ApplicationStatus,
    supplementCount: r.supplementCount,
    apologyCount: r.apologyCount,
    supplementRequestedAt: r.supplementRequestedAt,
    paymentRequestedAt: r.paymentRequestedAt,
    receivedAt: r.receivedAt,
    dueAt: r.dueAt,
    review: { chain: r.reviewChain as ReviewStep[], position: r.reviewPosition },
  };
}

/**
 * The application for `viewer`; `clockRules` (config rules) decide its clock state; with `offer`
 * (the configured limits and now), its availableActions leave out what a limit or a wait would
 * refuse.
 */
export function toApplicationView(
  r: ApplicationRecord,
  clockRules: ClockPauseRules,
  viewer?: Actor,
  offer?: OfferRules,
): ApplicationView {
  const status = r.status as ApplicationStatus;
  return {
    id: r.id,
    code: r.code,
    status,
    portalStatusCode: PORTAL_STATUS_CODE[status],
    statusLabel: STATUS_LABEL_VI[status],
    clock: clockStateOf(status, clockRules),
    procedure: {
      id: r.procedureId,
      code: r.procedureCode,
      version: r.procedureVersion,
      name: r.procedureName,
      timeLimit: { value: r.timeLimitValue, unit: r.timeLimitUnit },
    },
    departmentId: r.departmentId,
    holdingDepartmentId: r.holdingDepartmentId,
    channel: r.channel,
    applicant: {
      fullName: r.applicantFullName,
      kind: r.applicantKind,
      idNumber: r.applicantIdNumber,
      phone: r.applicantPhone,
      email: r.applicantEmail,
      address: r.applicantAddress,
    },
    documents: r.documents,
    ...(r.receivedDocuments ? { receivedDocuments: r.receivedDocuments } : {}),
    note: r.note,
    submittedAt: iso(r.submittedAt),
    receivedAt: iso(r.receivedAt),
    dueAt: iso(r.dueAt),
    originalDueAt: iso(r.originalDueAt),
    pausedDueAt: iso(r.pausedDueAt),
    supplementCount: r.supplementCount,
    apologyCount: r.apologyCount,
    resultReadyAt: iso(r.resultReadyAt),
    returnedAt: iso(r.returnedAt),
    stoppedAt: iso(r.stoppedAt),
    stopReason: r.stopReason,
    withdrawalRequestedAt: iso(r.withdrawalRequestedAt),
    assignedOfficerId: r.assignedOfficerId,
    review: { chain: r.reviewChain, position: r.reviewPosition },
    resultNumber: r.resultNumber,
    resultSignedBy: r.resultSignedBy,
    resultSignedAt: iso(r.resultSignedAt),
    version: r.version,
    createdAt: iso(r.createdAt)!,
    updatedAt: iso(r.updatedAt)!,
    ...(viewer
      ? {
          availableActions: !canActOnApplication(viewer, placeOf(r))
            ? []
            : offer
              ? offeredActions(offerStateOf(r), viewer.role, offer)
              : availableActions(status, viewer.role),
        }
      : {}),
  };
}

/** The application as a list shows it: identity number and phone masked (detail: whole). */
export function toApplicationListView(
  r: ApplicationRecord,
  clockRules: ClockPauseRules,
  viewer?: Actor,
  offer?: OfferRules,
): ApplicationView {
  const view = toApplicationView(r, clockRules, viewer, offer);
  return {
    ...view,
    applicant: {
      ...view.applicant,
      idNumber: maskIdNumber(view.applicant.idNumber),
      phone: maskPhone(view.applicant.phone),
    },
  };
}

export function toHistoryView(h: HistoryRecord): HistoryView {
  return {
    id: Number(h.id),
    at: new Date(h.at).toISOString(),
    action: h.action,
    fromStatus: h.fromStatus,
    toStatus: h.toStatus,
    actor: h.actorId ? { id: h.actorId, name: h.actorName, role: h.actorRole } : null,
    note: h.note,
    payload: h.payload,
  };
}
