import { VIETNAM_UTC_OFFSET_MINUTES } from '../calendar';
import { ApplicationStatus, Channel, TransitionAction as A } from '../lifecycle';
import { DvcqgCodeTable, nationalProcedureCode } from './dvcqg-code-tables';
import {
  DVCQG_TEXT_LIMITS,
  DvcqgDate,
  DvcqgDossier,
  DvcqgProgress,
  DvcqgStatusCode,
} from './dvcqg-wire-format';

/** What the mapper needs of one application, read in one go by the sync service. */
export interface PortalSnapshot {
  code: string;
  procedureCode: string;
  procedureName: string;
  channel: Channel;
  status: ApplicationStatus;
  applicantFullName: string;
  applicantPhone: string;
  applicantEmail: string | null;
  applicantAddress: string | null;
  receivedAt: Date | null;
  dueAt: Date | null;
  returnedAt: Date | null;
  stoppedAt: Date | null;
  /** The agency (Sở) and the division holding the dossier. */
  agencyName: string;
  departmentName: string;
  supplements: ReadonlyArray<{
    id: string;
    requestedAt: Date;
    completedAt: Date | null;
    items: readonly string[];
    reason: string | null;
    previousDueAt: Date | null;
    newDueAt: Date | null;
  }>;
  history: readonly PortalHistoryRow[];
}

export interface PortalHistoryRow {
  id: number;
  at: Date;
  action: string;
  toStatus: ApplicationStatus;
  actorName: string | null;
  actorUnit: string;
  note: string | null;
}

/** `yyyyMMddHHmmss` in Asia/Ho_Chi_Minh (UTC+7 all year: no daylight saving). */
export function formatDvcqgDate(instant: Date): DvcqgDate {
  const local = new Date(instant.getTime() + VIETNAM_UTC_OFFSET_MINUTES * 60_000);
  return local.toISOString().slice(0, 19).replace(/[-T:]/g, '');
}

const optionalDate = (d: Date | null): DvcqgDate | null => (d ? formatDvcqgDate(d) : null);

/** Cuts text to `limit` characters (code points, so no half of a Vietnamese letter), with "…". */
export function cutText(text: string, limit: number): string {
  const chars = [...text.normalize('NFC')];
  return chars.length <= limit ? chars.join('') : `${chars.slice(0, limit - 1).join('')}…`;
}

function cutOptional(text: string | null, limit: number): string | null {
  return text === null ? null : cutText(text, limit);
}

/** What each action reads as in the portal's progress list. */
export const PROGRESS_CONTENT_VI: Record<A, string> = {
  [A.Receive]: 'Tiếp nhận hồ sơ',
  [A.Refuse]: 'Từ chối tiếp nhận hồ sơ',
  [A.RequestCompletion]: 'Hướng dẫn bổ sung, hoàn thiện hồ sơ',
  [A.Assign]: 'Phân công cán bộ xử lý',
  [A.Start]: 'Bắt đầu xử lý hồ sơ',
  [A.RequestSupplement]: 'Yêu cầu bổ sung hồ sơ',
  [A.ReceiveSupplement]: 'Nhận hồ sơ bổ sung',
  [A.RequirePayment]: 'Yêu cầu thực hiện nghĩa vụ tài chính',
  [A.ConfirmPayment]: 'Xác nhận đã thực hiện nghĩa vụ tài chính',
  [A.RequestWithdrawal]: 'Công dân yêu cầu rút hồ sơ',
  [A.Stop]: 'Dừng xử lý hồ sơ',
  [A.MarkResultReady]: 'Đã xử lý xong, chuyển kết quả',
  [A.ReturnResult]: 'Trả kết quả',
  [A.Apologize]: 'Xin lỗi và hẹn lại ngày trả kết quả',
  [A.HandOver]: 'Chuyển hồ sơ liên thông',
  [A.SubmitForReview]: 'Trình duyệt kết quả giải quyết',
  [A.ApproveReview]: 'Duyệt kết quả, trình ký',
  [A.SignResult]: 'Ký kết quả giải quyết',
  [A.SendBack]: 'Trả lại để hoàn thiện kết quả',
};

/** When the dossier left the agency's hands: returned (10), stopped (8) or refused (3). */
function endedAt(s: PortalSnapshot): Date | null {
  switch (s.status) {
    case ApplicationStatus.ResultReturned:
      return s.returnedAt;
    case ApplicationStatus.Stopped:
      return s.stoppedAt;
    case ApplicationStatus.NotAccepted:
      return s.history.findLast((h) => h.toStatus === ApplicationStatus.NotAccepted)?.at ?? null;
    case ApplicationStatus.Submitted:
    case ApplicationStatus.IncompleteAtDesk:
    case ApplicationStatus.Received:
    case ApplicationStatus.Processing:
    case ApplicationStatus.SupplementRequested:
    case ApplicationStatus.PaymentRequired:
    case ApplicationStatus.WithdrawalRequested:
    case ApplicationStatus.ResultReady:
      return null;
  }
}

/**
 * The national status the portal should show: the current state's, or, in a state without one
 * (incomplete at the desk), the last one the dossier had; null if it never had one.
 */
export function nationalStatusOf(s: PortalSnapshot, table: DvcqgCodeTable): DvcqgStatusCode | null {
  const current = table.statuses[s.status];
  if (current !== null) {
    return current;
  }
  for (let i = s.history.length - 1; i >= 0; i -= 1) {
    const code = table.statuses[s.history[i].toStatus];
    if (code !== null) {
      return code;
    }
  }
  return null;
}

/**
 * The dossier message of an application's current state (pure; throws for unmapped codes);
 * null while it has no national status (never on the portal: nothing to send).
 */
export function toDvcqgDossier(s: PortalSnapshot, table: DvcqgCodeTable): DvcqgDossier | null {
  const L = DVCQG_TEXT_LIMITS;
  const status = nationalStatusOf(s, table);
  if (status === null) {
    return null;
  }
  return {
    MaHoSo: cutText(s.code, L.MaHoSo),
    MaTTHC: cutText(nationalProcedureCode(s.procedureCode, table), L.MaTTHC),
    TenTTHC: cutText(s.procedureName, L.TenTTHC),
    KenhThucHien: table.channels[s.channel],
    ChuHoSo: cutText(s.applicantFullName, L.ChuHoSo),
    SoDienThoai: cutText(s.applicantPhone, L.SoDienThoai),
    Email: cutOptional(s.applicantEmail, L.Email),
    DiaChi: cutOptional(s.applicantAddress, L.DiaChi),
    NgayTiepNhan: optionalDate(s.receivedAt),
    NgayHenTra: optionalDate(s.receivedAt ? s.dueAt : null),
    NgayTra: optionalDate(endedAt(s)),
    TrangThaiHoSo: status,
    DonViXuLy: cutText(`${s.departmentName} – ${s.agencyName}`, L.DonViXuLy),
    DanhSachHoSoBoSung: s.supplements.map((x) => ({
      HoSoBoSungId: x.id,
      NgayYeuCauBoSung: formatDvcqgDate(x.requestedAt),
      NoiDungBoSung: cutText(
        [...x.items, ...(x.reason ? [`Lý do: ${x.reason}`] : [])].join('; '),
        L.NoiDungBoSung,
      ),
      NgayTiepNhanBoSung: optionalDate(x.completedAt),
      NgayHenTraTruoc: optionalDate(x.previousDueAt),
      NgayHenTraMoi: optionalDate(x.newDueAt),
    })),
    PhienBanBangMa: table.version,
  };
}

const isAction = (a: string): a is A =>
  Object.prototype.hasOwnProperty.call(PROGRESS_CONTENT_VI, a);

/**
 * One progress row per history row with a national status (including the first: submission or
 * reception); rows into a state without one (incomplete at the desk) are not the portal's.
 */
export function toDvcqgProgress(
  code: string,
  rows: readonly PortalHistoryRow[],
  table: DvcqgCodeTable,
): DvcqgProgress[] {
  const L = DVCQG_TEXT_LIMITS;
  return rows.flatMap((h) => {
    const status = table.statuses[h.toStatus];
    if (status === null) {
      return [];
    }
    const label = isAction(h.action) ? PROGRESS_CONTENT_VI[h.action] : h.action;
    return [
      {
        MaTienDo: `${code}-${h.id}`,
        NguoiXuLy: cutText(h.actorName ?? 'Hệ thống', L.NguoiXuLy),
        PhongBanXuLy: cutText(h.actorUnit, L.PhongBanXuLy),
        ThoiDiemXuLy: formatDvcqgDate(h.at),
        NoiDungXuLy: cutText(h.note ? `${label}: ${h.note}` : label, L.NoiDungXuLy),
        TrangThai: status,
      },
    ];
  });
}
