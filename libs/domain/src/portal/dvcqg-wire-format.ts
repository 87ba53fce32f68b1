/**
 * THE wire format of the national public-service portal (Cổng Dịch vụ công quốc gia, DVCQG).
 *
 * The official synchronisation specification is not public (spec §10, unconfirmed). The field
 * names below are those provincial one-stop systems use when they push dossiers to DVCQG; the
 * transport is ours. Everything the portal sees is defined in this file, so replacing the
 * format when the real specification arrives means replacing this file (and the mapper that
 * fills it, dvcqg-mapper.ts), nothing else.
 *
 * Transport (JSON over HTTPS, `Authorization: Bearer <DVCQG_TOKEN>` when configured):
 *   POST {base}/hoso                      create a dossier (body DvcqgDossier)
 *   PUT  {base}/hoso/{MaHoSo}             replace a dossier (body DvcqgDossier)
 *   POST {base}/hoso/{MaHoSo}/tiendo      add progress rows (body DvcqgProgressBatch); the
 *                                         portal keys each row by MaTienDo (a repeat replaces)
 *   GET  {base}/hoso/{MaHoSo}             the portal's copy (DvcqgDossierCopy), for reconciliation
 * Answers: a JSON body DvcqgAnswer. HTTP 2xx with error_code 0 is an acknowledgement;
 * error_code DVCQG_ERROR.AlreadyExists (or HTTP 409) on a create means "already exists" (the
 * sender updates instead); DVCQG_ERROR.NotFound (or HTTP 404) on an update or read means the
 * portal has no such dossier; other 4xx answers are refusals (not retried); 5xx answers,
 * timeouts and network errors are transient (retried with backoff).
 */

/** Dates on the wire: local time in Asia/Ho_Chi_Minh, `yyyyMMddHHmmss`. */
export type DvcqgDate = string;

/** National status codes (TrangThaiHoSo), spec §2: 1 Mới đăng ký … 10 Đã trả kết quả. */
export type DvcqgStatusCode = 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9 | 10;

/** Channel codes (KenhThucHien): 1 trực tiếp, 2 trực tuyến, 3 bưu chính công ích. */
export type DvcqgChannelCode = 1 | 2 | 3;

/** One supplement request (DanhSachHoSoBoSung), with the appointment before and after it. */
export interface DvcqgSupplement {
  /** Our id of the request. */
  HoSoBoSungId: string;
  NgayYeuCauBoSung: DvcqgDate;
  NoiDungBoSung: string;
  /** When the complete supplement arrived; null while awaited. */
  NgayTiepNhanBoSung: DvcqgDate | null;
  /** Appointment before the request, and the new one after the supplement (restart rule). */
  NgayHenTraTruoc: DvcqgDate | null;
  NgayHenTraMoi: DvcqgDate | null;
}

/** The dossier message: the dossier's identity and its current national status. */
export interface DvcqgDossier {
  MaHoSo: string;
  /** National TTHC code, from the code table (local procedure code → national). */
  MaTTHC: string;
  TenTTHC: string;
  KenhThucHien: DvcqgChannelCode;
  ChuHoSo: string;
  SoDienThoai: string;
  Email: string | null;
  DiaChi: string | null;
  /** Reception (status 2); null before. */
  NgayTiepNhan: DvcqgDate | null;
  /** The current appointment; null before reception. */
  NgayHenTra: DvcqgDate | null;
  /** Return of the result (10), or the end of processing (3, 8); null while open. */
  NgayTra: DvcqgDate | null;
  TrangThaiHoSo: DvcqgStatusCode;
  /** Agency and division handling the dossier. */
  DonViXuLy: string;
  DanhSachHoSoBoSung: DvcqgSupplement[];
  /** The code table the message was mapped with (see dvcqg-code-tables.ts). */
  PhienBanBangMa: string;
}

/** One progress row (QuaTrinhXuLy): who did what, when, and the status after it. */
export interface DvcqgProgress {
  /** `<MaHoSo>-<our history row id>`: the portal replaces a row sent again. */
  MaTienDo: string;
  NguoiXuLy: string;
  PhongBanXuLy: string;
  ThoiDiemXuLy: DvcqgDate;
  NoiDungXuLy: string;
  TrangThai: DvcqgStatusCode;
}

export interface DvcqgProgressBatch {
  MaHoSo: string;
  QuaTrinhXuLy: DvcqgProgress[];
}

/** What GET answers: the portal's copy of the dossier and the progress rows it holds. */
export interface DvcqgDossierCopy {
  HoSo: DvcqgDossier;
  QuaTrinhXuLy: DvcqgProgress[];
}

export interface DvcqgAnswer {
  error_code: number;
  message?: string;
}

export const DVCQG_ERROR = {
  Ok: 0,
  AlreadyExists: 409,
  NotFound: 404,
} as const;

/** Text limits of the portal's fields (characters); longer text is cut with an ellipsis. */
export const DVCQG_TEXT_LIMITS = {
  MaHoSo: 50,
  MaTTHC: 50,
  TenTTHC: 500,
  ChuHoSo: 200,
  SoDienThoai: 20,
  Email: 100,
  DiaChi: 500,
  DonViXuLy: 300,
  NoiDungBoSung: 1000,
  NguoiXuLy: 200,
  PhongBanXuLy: 300,
  NoiDungXuLy: 1000,
} as const;

export const DVCQG_PATHS = {
  create: () => '/hoso',
  update: (code: string) => `/hoso/${encodeURIComponent(code)}`,
  progress: (code: string) => `/hoso/${encodeURIComponent(code)}/tiendo`,
  read: (code: string) => `/hoso/${encodeURIComponent(code)}`,
} as const;

/** The most progress rows one request carries (longer histories go in several requests). */
export const DVCQG_PROGRESS_BATCH = 50;
