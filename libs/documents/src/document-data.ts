import type { DocumentForm, TimeLimit } from '@app/domain';
import type { ApplicantKind } from './addressee';
import type { LegalBasis } from './form-templates';

// What each form prints, as plain data: no entities, no services, so forms are unit-testable.

export interface Organization {
  /** With its level, as written in a sentence: "tỉnh Ninh Bình", "thành phố Hà Nội". */
  provinceName: string;
  /** The agency issuing the forms: "Sở Giáo dục và Đào tạo". */
  agencyName: string;
}

/** Fields every form shares: who issues it, under which circular, and the date line. */
export interface FormBase {
  organization: Organization;
  legalBasis: LegalBasis;
  /** The date line "…, ngày … tháng … năm …". */
  issuedAt: Date;
  code: string;
}

export interface ApplicantData {
  fullName: string;
  /** Default 'person'. */
  kind?: ApplicantKind;
  address: string | null;
  phone: string | null;
  email: string | null;
}

export interface ReceiptData extends FormBase {
  receivingUnit: string;
  applicant: ApplicantData;
  /** The matter requested: the procedure name. */
  matter: string;
  /** What was handed in; `form` when checked against the procedure's list (bản chính / bản sao). */
  documents: Array<{ name: string; copies: number; form?: DocumentForm }>;
  sets: number;
  timeLimit: TimeLimit;
  receivedAt: Date;
  appointmentAt: Date;
  resultPlace: string;
  logbookEntry: string;
  receivingOfficer: string | null;
  /** Encoded in the QR code: the public status page of this application. */
  statusUrl: string;
}

export interface SupplementRequestData extends FormBase {
  unit: string;
  applicant: ApplicantData;
  matter: string;
  items: string[];
  reason: string | null;
  /** Whom the applicant may ask for help. */
  contact: string;
  guidingOfficer: string | null;
}

export interface RefusalData extends FormBase {
  unit: string;
  applicant: ApplicantData;
  matter: string;
  reasons: string[];
  officer: string | null;
}

export interface ApologyData extends FormBase {
  addressee: string;
  /** How the letter says "you": "ông/bà", or "quý cơ quan" to an organisation. */
  you: string;
  /** The agency that received the dossier. */
  receivingAgency: string;
  /** The agency at fault, which apologises and signs. */
  responsibleAgency: string;
  receivedAt: Date;
  originalDueAt: Date;
  reason: string;
  newDueAt: Date;
  /** "Giám đốc", or "TL. Giám đốc" for a delegate: how the signature block is headed. */
  signerTitle: string;
  signerName: string | null;
}

/** Thông báo dừng giải quyết hồ sơ (TT 03/2025, Mẫu 05). */
export interface StopNoticeData extends FormBase {
  addressee: string;
  you: string;
  /** The agency that received the dossier (its one-stop desk). */
  receivingAgency: string;
  receivedAt: Date;
  matter: string;
  /** The unit that stopped processing and signs the notice. */
  stoppingUnit: string;
  stoppedAt: Date;
  /** The stop reason as the rules word it (StopReason label). */
  reasonLabel: string;
  /** What the person who stopped wrote. */
  reasonDetail: string | null;
  signerTitle: string;
  signerName: string | null;
}

export type StepResult = 'early' | 'on_time' | 'late';

export interface ControlSheetRow {
  giver: string;
  receiver: string;
  at: Date;
  /** The step, in Vietnamese. */
  action: string;
  /** Only on the row where the result became ready. */
  result: StepResult | null;
  note: string | null;
}

export interface ControlSheetData extends FormBase {
  receiptNumber: string;
  leadAgency: string;
  coordinatingAgencies: string[];
  /** The appointment in force (after a restart or an apology), and the one set at reception. */
  appointmentAt?: Date | null;
  originalAppointmentAt?: Date | null;
  /** Departments whose liên thông step overran once waits are taken out, the one at fault first. */
  lateDepartments?: string[];
  rows: ControlSheetRow[];
  /** Electronic documents kept with the application (uploaded online or as a supplement). */
  keptFiles?: KeptFile[];
}

export interface KeptFile {
  /** Which required document it is, when the citizen said so. */
  documentName: string | null;
  originalName: string;
  mediaType: string;
  sizeBytes: number;
  /** submission: with the online application; supplement: uploaded when one was requested. */
  purpose: 'submission' | 'supplement' | null;
  uploadedAt: Date;
}
