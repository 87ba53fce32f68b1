import type { ApplicationView, HistoryView } from '../applications/application.view';
import { compareLocalDates, Role, toLocalDate, TransitionAction as A } from '@app/domain';
import { shortDate, type ControlSheetRow, type StepResult } from '@app/documents';

/** Names the rows need besides the application itself. */
export interface PartyNames {
  agencyName: string;
  departmentName: string;
  /** Every department named in the history (liên thông parties), by id. */
  departments?: ReadonlyMap<string, string>;
}

/** What a row closing a liên thông step recorded about it (history payload closedStep). */
interface ClosedStep {
  seq: number;
  outcome: StepResult;
  departmentId: string | null;
  dueAt: string | null;
}

export function closedStepOf(payload: Record<string, unknown>): ClosedStep | null {
  const c = payload.closedStep as Record<string, unknown> | null | undefined;
  const outcome = c?.outcome;
  if (!c || (outcome !== 'early' && outcome !== 'on_time' && outcome !== 'late')) {
    return null;
  }
  return {
    seq: Number(c.seq),
    outcome,
    departmentId: typeof c.departmentId === 'string' ? c.departmentId : null,
    dueAt: typeof c.dueAt === 'string' ? c.dueAt : null,
  };
}

const OUTCOME_VI: Record<StepResult, string> = {
  early: 'trước hạn',
  on_time: 'đúng hạn',
  late: 'quá hạn',
};

/**
 * Who gives and who receives the dossier at each step (Mẫu 06):
 * - actor: whoever acted, in their unit (the desk, the department holding the dossier, the
 *   agency's leadership);
 * - holder: the department holding the dossier at that moment (liên thông);
 * - next: the department a hand-over sends it to; leadership: the agency's leaders.
 */
type Side = 'applicant' | 'actor' | 'desk' | 'holder' | 'next' | 'leadership';

const STEPS: Record<A, { label: string; from: Side; to: Side }> = {
  [A.Receive]: { label: 'Tiếp nhận hồ sơ', from: 'applicant', to: 'actor' },
  [A.Refuse]: { label: 'Từ chối tiếp nhận hồ sơ', from: 'actor', to: 'applicant' },
  [A.RequestCompletion]: {
    label: 'Hướng dẫn bổ sung, hoàn thiện hồ sơ',
    from: 'actor',
    to: 'applicant',
  },
  [A.Assign]: { label: 'Phân công cán bộ xử lý', from: 'actor', to: 'holder' },
  [A.Start]: { label: 'Chuyển hồ sơ để giải quyết', from: 'desk', to: 'actor' },
  [A.RequestSupplement]: { label: 'Yêu cầu bổ sung hồ sơ', from: 'actor', to: 'applicant' },
  [A.ReceiveSupplement]: { label: 'Nhận hồ sơ bổ sung', from: 'applicant', to: 'actor' },
  [A.RequirePayment]: {
    label: 'Yêu cầu thực hiện nghĩa vụ tài chính',
    from: 'actor',
    to: 'applicant',
  },
  [A.ConfirmPayment]: {
    label: 'Xác nhận đã thực hiện nghĩa vụ tài chính',
    from: 'applicant',
    to: 'actor',
  },
  [A.RequestWithdrawal]: { label: 'Yêu cầu rút hồ sơ', from: 'applicant', to: 'actor' },
  [A.Stop]: { label: 'Dừng giải quyết hồ sơ', from: 'actor', to: 'applicant' },
  [A.SubmitForReview]: { label: 'Trình duyệt kết quả giải quyết', from: 'actor', to: 'holder' },
  [A.ApproveReview]: { label: 'Duyệt kết quả, trình ký', from: 'actor', to: 'leadership' },
  [A.SignResult]: { label: 'Ký kết quả giải quyết', from: 'actor', to: 'holder' },
  [A.SendBack]: { label: 'Trả lại để hoàn thiện kết quả', from: 'actor', to: 'holder' },
  [A.MarkResultReady]: { label: 'Chuyển kết quả giải quyết', from: 'actor', to: 'desk' },
  [A.ReturnResult]: { label: 'Trả kết quả', from: 'actor', to: 'applicant' },
  [A.Apologize]: {
    label: 'Xin lỗi và hẹn lại ngày trả kết quả',
    from: 'actor',
    to: 'applicant',
  },
  // Liên thông: from the holding department to the receiving one (named from the payload).
  [A.HandOver]: { label: 'Chuyển hồ sơ liên thông', from: 'holder', to: 'next' },
};

/** Acts of the one-stop desk: an admin correcting one acts for the desk. */
const DESK_ACTIONS: readonly string[] = [
  A.Receive,
  A.Refuse,
  A.RequestCompletion,
  A.ReturnResult,
  A.RequestWithdrawal,
];

const DESK = 'Bộ phận Một cửa';

/** A department's name by id: the lead's name when the id is the lead's or unknown. */
function nameOf(id: string | null, names: PartyNames): string {
  return (id ? names.departments?.get(id) : undefined) ?? names.departmentName;
}

/** The unit an act belongs to: the actor's, or for an admin's correction the one it stands for. */
function actorUnit(entry: HistoryView, holder: string | null, names: PartyNames): string {
  switch (entry.actor?.role as Role | undefined) {
    case Role.Reception:
      return DESK;
    case Role.Officer:
    case Role.Head:
      return nameOf(holder, names);
    case Role.Director:
      return `Lãnh đạo ${names.agencyName}`;
    case Role.Admin:
      // A correction is not the admin's own act: the sheet names the unit whose act it is.
      return DESK_ACTIONS.includes(entry.action) ? DESK : nameOf(holder, names);
    // Read-only: never acts, so never a row of the sheet; named in case history says otherwise.
    case Role.Supervisor:
      return 'Cơ quan giám sát';
    case undefined:
      return 'Hệ thống';
    default:
      return String(entry.actor?.role);
  }
}

const text = (value: unknown): string | null =>
  typeof value === 'string' && value.trim() !== '' ? value.trim() : null;

const dateText = (value: unknown): string | null => {
  const iso = text(value);
  return iso && !Number.isNaN(Date.parse(iso)) ? shortDate(new Date(iso)) : null;
};

/** "Bước 1 (Phòng X) quá hạn, hạn 13/02/2026": the liên thông step a row closed. */
function closedStepNote(entry: HistoryView, names: PartyNames): string | null {
  const closed = closedStepOf(entry.payload);
  if (!closed) {
    return null;
  }
  const who = closed.departmentId ? names.departments?.get(closed.departmentId) : undefined;
  const due = dateText(closed.dueAt);
  return `Kết thúc bước ${closed.seq}${who ? ` (${who})` : ''}: ${OUTCOME_VI[closed.outcome]}${
    due ? `, hạn ${due}` : ''
  }`;
}

/** What a row adds in the note column, from the step's recorded payload. */
function stepNote(app: ApplicationView, entry: HistoryView): string | null {
  const p = entry.payload;
  switch (entry.action as A) {
    case A.Receive:
      return app.originalDueAt ? `Hẹn trả: ${shortDate(new Date(app.originalDueAt))}` : null;
    case A.Refuse:
      return Array.isArray(p.reasons) ? p.reasons.map(text).filter(Boolean).join('; ') : null;
    case A.ReceiveSupplement: {
      const due = dateText(p.dueAt);
      return due ? `Hẹn trả mới: ${due}` : null;
    }
    case A.Apologize: {
      const due = dateText(p.newDueAt);
      return due ? `Hẹn lại: ${due}` : null;
    }
    case A.HandOver: {
      const due = dateText(p.stepDueAt);
      return due ? `Hạn bước ${String(p.seq)}: ${due}` : null;
    }
    case A.RequestCompletion:
      return Array.isArray(p.items) ? p.items.map(text).filter(Boolean).join('; ') : null;
    case A.SignResult: {
      const number = text(p.resultNumber);
      return number ? `Số kết quả: ${number}` : null;
    }
    case A.RequestSupplement:
    case A.RequirePayment:
    case A.RequestWithdrawal:
    case A.Stop:
    case A.SendBack:
      return text(p.reason);
    case A.Assign:
    case A.Start:
    case A.ConfirmPayment:
    case A.MarkResultReady:
    case A.ReturnResult:
    case A.SubmitForReview:
    case A.ApproveReview:
      return null;
  }
  // An action recorded by a later version: its note column stays empty.
  return null;
}

/** Early, on time or late: the local date the result was ready against the original appointment. */
export function stepResult(resultReadyAt: Date, originalDueAt: Date): StepResult {
  const order = compareLocalDates(toLocalDate(resultReadyAt), toLocalDate(originalDueAt));
  return order < 0 ? 'early' : order === 0 ? 'on_time' : 'late';
}

/** An admin's correction, as recorded with the act (reason and the entry it corrects). */
function correctionNote(entry: HistoryView): string | null {
  const correction = entry.payload.correction as { reason?: unknown } | undefined;
  const reason = text(correction?.reason);
  return reason ? `Điều chỉnh của quản trị hệ thống: ${reason}` : null;
}

/**
 * One row per history entry, oldest first. The department holding the dossier is followed
 * through the hand-overs, so each row names the division that really gave and received it.
 * `applicationResult` is the application's own verdict (K1's, so the sheet and the figures
 * agree), printed on the result-ready row.
 */
export function controlSheetRows(
  app: ApplicationView,
  names: PartyNames,
  applicationResult: StepResult | null = null,
): ControlSheetRow[] {
  let holder: string | null = app.departmentId;
  return (app.history ?? []).map((entry) => {
    const step = STEPS[entry.action as A] as (typeof STEPS)[A] | undefined;
    // An admin's act is a correction in the name of the unit it stands for: no admin's name.
    const actorName =
      entry.actor?.role === String(Role.Admin) ? null : (entry.actor?.name ?? null);
    const from = text(entry.payload.fromDepartmentId) ?? holder;
    const next = text(entry.payload.toDepartmentId);
    const party = (side: Side): string => {
      switch (side) {
        case 'applicant':
          return `Người nộp hồ sơ (${app.applicant.fullName})`;
        case 'desk':
          return DESK;
        case 'holder': {
          const unit = nameOf(from, names);
          // The hand-over's giver is the officer of the holding department who sent it.
          return entry.action === String(A.HandOver) && actorName ? `${unit} (${actorName})` : unit;
        }
        case 'next':
          return next ? nameOf(next, names) : names.agencyName;
        case 'leadership':
          return `Lãnh đạo ${names.agencyName}`;
        case 'actor': {
          const unit = actorUnit(entry, holder, names);
          return actorName ? `${unit} (${actorName})` : unit;
        }
      }
    };
    const readyAt = app.resultReadyAt ? new Date(app.resultReadyAt) : new Date(entry.at);
    const result =
      entry.action === String(A.MarkResultReady)
        ? (applicationResult ??
          (app.originalDueAt ? stepResult(readyAt, new Date(app.originalDueAt)) : null))
        : entry.action === String(A.HandOver)
          ? (closedStepOf(entry.payload)?.outcome ?? null)
          : null;
    const note = [
      text(entry.note),
      stepNote(app, entry),
      closedStepNote(entry, names),
      correctionNote(entry),
    ]
      .filter(Boolean)
      .join('; ');
    const row: ControlSheetRow = {
      giver: step ? party(step.from) : '',
      receiver: step ? party(step.to) : '',
      at: new Date(entry.at),
      action: step?.label ?? entry.action,
      result,
      note: note === '' ? null : note,
    };
    if (entry.action === String(A.HandOver) && next) {
      holder = next;
    }
    return row;
  });
}
