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

type Side = 'applicant' | 'staff' | 'desk' | 'department';

/** Each step as a hand-over: who gives the dossier, who receives it ("staff" = the actor). */
const STEPS: Record<A, { label: string; from: Side; to: Side }> = {
  [A.Receive]: { label: 'Tiếp nhận hồ sơ', from: 'applicant', to: 'staff' },
  [A.Refuse]: { label: 'Từ chối tiếp nhận hồ sơ', from: 'staff', to: 'applicant' },
  [A.RequestCompletion]: {
    label: 'Hướng dẫn bổ sung, hoàn thiện hồ sơ',
    from: 'staff',
    to: 'applicant',
  },
  [A.Assign]: { label: 'Phân công cán bộ xử lý', from: 'staff', to: 'department' },
  [A.Start]: { label: 'Chuyển hồ sơ để giải quyết', from: 'desk', to: 'staff' },
  [A.RequestSupplement]: { label: 'Yêu cầu bổ sung hồ sơ', from: 'staff', to: 'applicant' },
  [A.ReceiveSupplement]: { label: 'Nhận hồ sơ bổ sung', from: 'applicant', to: 'staff' },
  [A.RequirePayment]: {
    label: 'Yêu cầu thực hiện nghĩa vụ tài chính',
    from: 'staff',
    to: 'applicant',
  },
  [A.ConfirmPayment]: {
    label: 'Xác nhận đã thực hiện nghĩa vụ tài chính',
    from: 'applicant',
    to: 'staff',
  },
  [A.RequestWithdrawal]: { label: 'Yêu cầu rút hồ sơ', from: 'applicant', to: 'staff' },
  [A.Stop]: { label: 'Dừng giải quyết hồ sơ', from: 'staff', to: 'applicant' },
  [A.MarkResultReady]: { label: 'Chuyển kết quả giải quyết', from: 'staff', to: 'desk' },
  [A.ReturnResult]: { label: 'Trả kết quả', from: 'staff', to: 'applicant' },
  [A.Apologize]: {
    label: 'Xin lỗi và hẹn lại ngày trả kết quả',
    from: 'staff',
    to: 'applicant',
  },
  // Liên thông: from the holding department to the receiving one (named from the payload).
  [A.HandOver]: { label: 'Chuyển hồ sơ liên thông', from: 'staff', to: 'department' },
};

const DESK = 'Bộ phận Một cửa';

function staffUnit(role: string | null, names: PartyNames): string {
  switch (role as Role | null) {
    case Role.Reception:
      return DESK;
    case Role.Officer:
    case Role.Head:
      return names.departmentName;
    case Role.Director:
      return `Lãnh đạo ${names.agencyName}`;
    case Role.Admin:
      return 'Quản trị hệ thống';
    // Read-only: never acts, so never a row of the sheet; named in case history says otherwise.
    case Role.Supervisor:
      return 'Cơ quan giám sát';
    case null:
      return 'Hệ thống';
    default:
      return String(role);
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
    case A.RequestSupplement:
    case A.RequirePayment:
    case A.RequestWithdrawal:
    case A.Stop:
      return text(p.reason);
    case A.Assign:
    case A.Start:
    case A.ConfirmPayment:
    case A.MarkResultReady:
    case A.ReturnResult:
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

/**
 * One row per history entry, oldest first. `applicationResult` is the application's own
 * verdict (K1's, so the sheet and the figures agree), printed on the result-ready row.
 */
export function controlSheetRows(
  app: ApplicationView,
  names: PartyNames,
  applicationResult: StepResult | null = null,
): ControlSheetRow[] {
  return (app.history ?? []).map((entry) => {
    const step = STEPS[entry.action as A] as (typeof STEPS)[A] | undefined;
    const actorName = entry.actor?.name ?? null;
    const departmentOf = (key: string): string | null => {
      const id = entry.payload[key];
      return typeof id === 'string' ? (names.departments?.get(id) ?? null) : null;
    };
    const party = (side: Side): string => {
      switch (side) {
        case 'applicant':
          return `Người nộp hồ sơ (${app.applicant.fullName})`;
        case 'desk':
          return DESK;
        case 'department':
          return departmentOf('toDepartmentId') ?? names.departmentName;
        case 'staff': {
          const unit =
            (entry.action === String(A.HandOver) ? departmentOf('fromDepartmentId') : null) ??
            staffUnit(entry.actor?.role ?? null, names);
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
    const note = [text(entry.note), stepNote(app, entry), closedStepNote(entry, names)]
      .filter(Boolean)
      .join('; ');
    return {
      giver: step ? party(step.from) : '',
      receiver: step ? party(step.to) : '',
      at: new Date(entry.at),
      action: step?.label ?? entry.action,
      result,
      note: note === '' ? null : note,
    };
  });
}
