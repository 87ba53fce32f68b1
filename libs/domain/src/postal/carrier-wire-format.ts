/**
 * THE wire format of the postal carrier (bưu chính công ích; in practice VNPost's partner API).
 *
 * The carrier's real partner specification is a contract document, not public. Everything the
 * carrier sees is defined in this file and filled by toCarrierOrder below; the HTTP adapter
 * (libs/core postal/http-carrier.ts) is transport only. Replacing the carrier, or moving to
 * its real specification, means replacing this file and that adapter, nothing else.
 *
 * Transport (JSON over HTTPS, `Authorization: Bearer <CARRIER_TOKEN>` when configured):
 *   POST {base}/buu-gui              announce a consignment for collection (body CarrierOrder);
 *                                    keyed by MaBuuGui: announcing it again is harmless
 *   GET  {base}/buu-gui/{MaBuuGui}   its tracking (CarrierTracking)
 * Answers: a JSON body CarrierAnswer. HTTP 2xx with ma_loi 0 is an acknowledgement;
 * ma_loi CARRIER_ERROR.AlreadyExists (or HTTP 409) on a create means the carrier already has
 * that consignment (treated as acknowledged); other 4xx answers and non-zero ma_loi are
 * refusals (not retried: the message itself is wrong); 5xx, 429, timeouts and network errors
 * are transient (retried with backoff by the job that made the call).
 */

export const CARRIER_PATHS = {
  create: () => '/buu-gui',
  track: (trackingCode: string) => `/buu-gui/${encodeURIComponent(trackingCode)}`,
} as const;

export const CARRIER_ERROR = {
  Ok: 0,
  AlreadyExists: 409,
  NotFound: 404,
} as const;

export interface CarrierAnswer {
  ma_loi: number;
  thong_diep?: string;
}

export interface CarrierAddress {
  HoTen: string;
  SoDienThoai: string;
  /** Street, house number. */
  DiaChi: string;
  PhuongXa: string;
  QuanHuyen: string | null;
  TinhThanh: string;
}

/** A consignment the post office collects at the desk: the sealed result of one dossier. */
export interface CarrierOrder {
  MaBuuGui: string;
  /** The Department's customer code at the post office. */
  MaKhachHang: string;
  /** Kết quả giải quyết thủ tục hành chính. */
  LoaiDichVu: 'KQ_TTHC';
  MaHoSo: string;
  NoiDung: string;
  NguoiGui: { Ten: string; DiaChi: string | null };
  NguoiNhan: CarrierAddress;
  /** Postage in đồng, as agreed with the applicant. */
  CuocPhi: number;
  /** Amount collected from the receiver on delivery (thu hộ), in đồng. */
  ThuHo: number;
}

/** The carrier's status codes in a tracking answer. */
export type CarrierStatusCode =
  'DA_NHAN' | 'DANG_VAN_CHUYEN' | 'PHAT_THANH_CONG' | 'PHAT_THAT_BAI' | 'CHUYEN_HOAN';

export interface CarrierTracking extends CarrierAnswer {
  MaBuuGui: string;
  LichSu: Array<{ ThoiGian: string; TrangThai: CarrierStatusCode; MoTa: string }>;
}

/** Cut a text to its field's limit (the carrier refuses longer ones). */
const cut = (text: string, max: number) => (text.length > max ? text.slice(0, max) : text);

export interface OutboundConsignment {
  trackingCode: string;
  customerCode: string;
  applicationCode: string;
  procedureName: string;
  sender: { name: string; address: string | null };
  receiver: {
    name: string;
    phone: string;
    street: string;
    commune: string;
    district: string | null;
    province: string;
  };
  postageVnd: number;
  codVnd: number;
}

export function toCarrierOrder(c: OutboundConsignment): CarrierOrder {
  return {
    MaBuuGui: c.trackingCode,
    MaKhachHang: c.customerCode,
    LoaiDichVu: 'KQ_TTHC',
    MaHoSo: c.applicationCode,
    NoiDung: cut(`Kết quả giải quyết hồ sơ ${c.applicationCode}: ${c.procedureName}`, 250),
    NguoiGui: { Ten: cut(c.sender.name, 200), DiaChi: c.sender.address },
    NguoiNhan: {
      HoTen: cut(c.receiver.name, 100),
      SoDienThoai: c.receiver.phone,
      DiaChi: cut(c.receiver.street, 200),
      PhuongXa: cut(c.receiver.commune, 100),
      QuanHuyen: c.receiver.district === null ? null : cut(c.receiver.district, 100),
      TinhThanh: cut(c.receiver.province, 100),
    },
    CuocPhi: c.postageVnd,
    ThuHo: c.codVnd,
  };
}
