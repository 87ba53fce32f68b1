// @ts-check
// The desk form's data: its empty state, the checks made before sending, the request body, and
// the Vietnamese message for each field the API may name.
import { reasonText } from '../../reasons.js';

// The API names fields like 'applicant.phone' or 'documents[0].name'; the desk reads Vietnamese.
export const FIELD_MESSAGES = {
  procedureCode: 'Chọn thủ tục trong danh sách.',
  channel: 'Chọn hình thức nộp hồ sơ.',
  'applicant.fullName': 'Nhập họ và tên người nộp.',
  'applicant.idNumber':
    'Số định danh cá nhân/CCCD gồm 12 chữ số (CMND cũ: 9 chữ số), hoặc là mã số thuế, số hộ chiếu.',
  'applicant.phone': 'Số điện thoại không hợp lệ, ví dụ 0912345678.',
  'applicant.email': 'Địa chỉ email không hợp lệ.',
  'applicant.address': 'Địa chỉ quá dài (tối đa 500 ký tự).',
  note: 'Ghi chú quá dài (tối đa 2000 ký tự).',
  'handOver.number': 'Nhập số biên bản giao nhận (chữ, số, dấu . / _ -); số này chưa được dùng.',
  'handOver.signedAt':
    'Thời điểm ký biên bản không được ở tương lai và không quá số ngày cho phép trước hôm nay.',
  'handOver.signedBy': 'Nhập họ tên nhân viên bưu điện ký biên bản.',
  trackingCode: 'Mã bưu gửi gồm 2 chữ cái, 9 chữ số và 2 chữ cái (ví dụ RR473124829VN).',
  'sender.street': 'Nhập số nhà, đường của người gửi.',
  'sender.commune': 'Nhập xã/phường của người gửi.',
  'sender.province': 'Nhập tỉnh/thành phố của người gửi.',
  'sender.phone': 'Số điện thoại người gửi không hợp lệ, ví dụ 0912345678.',
  checklist:
    'Hồ sơ còn thiếu giấy tờ theo quy định: đánh dấu đủ các giấy tờ đã nộp, hoặc lập phiếu yêu cầu bổ sung (Mẫu 02).',
};

export function messageFor(field, reason) {
  if (field === 'procedureCode' && /by post/.test(reason)) {
    return 'Thủ tục này không nhận hồ sơ qua bưu chính.';
  }
  if (FIELD_MESSAGES[field]) {
    return FIELD_MESSAGES[field];
  }
  if (/^documents\[\d+\]\.name$/.test(field)) {
    return 'Nhập tên giấy tờ.';
  }
  if (/^documents\[\d+\]\.copies$/.test(field)) {
    return 'Số bản từ 1 đến 100.';
  }
  if (/^checklist\[\d+\]\.copies$/.test(field) || /^checklist:.+:copies$/.test(field)) {
    return 'Số bản từ 1 đến 99.';
  }
  // Never the API's English reason itself.
  return reasonText(reason);
}

/** The input's id for an API field name: 'documents[0].name' → 'f-documents-0-name'. */
export const fieldId = (field) => `f-${field.replace(/[.[\]]+/g, '-').replace(/-$/, '')}`;

export const emptyForm = () => ({
  fullName: '',
  kind: 'person',
  idNumber: '',
  phone: '',
  email: '',
  address: '',
  channel: 'direct',
  documents: [],
  /** The checklist: by procedure document id, {checked, form, copies} (see checklist.js). */
  checklist: /** @type {Record<string, import('./checklist.js').CheckState>} */ ({}),
  note: '',
  // Postal channel: the hand-over record (biên bản giao nhận) and the sender's address.
  handOverNumber: '',
  handOverSignedAt: '',
  handOverSignedBy: '',
  trackingCode: '',
  senderStreet: '',
  senderCommune: '',
  senderDistrict: '',
  senderProvince: '',
});

/** The postal fields the desk must fill, as {api field: form key, message when empty}. */
const POSTAL_REQUIRED = [
  ['handOver.number', 'handOverNumber', 'Nhập số biên bản giao nhận.'],
  ['handOver.signedAt', 'handOverSignedAt', 'Nhập thời điểm ký biên bản giao nhận.'],
  ['handOver.signedBy', 'handOverSignedBy', 'Nhập họ tên nhân viên bưu điện ký biên bản.'],
  ['sender.street', 'senderStreet', 'Nhập số nhà, đường của người gửi.'],
  ['sender.commune', 'senderCommune', 'Nhập xã/phường của người gửi.'],
  ['sender.province', 'senderProvince', 'Nhập tỉnh/thành phố của người gửi.'],
];

/** The required fields left empty, as {field: message}; checked here to spare a round trip. */
export function missingFields(procedure, form) {
  /** @type {Record<string, string>} */
  const missing = {};
  if (!procedure) {
    missing.procedureCode = FIELD_MESSAGES.procedureCode;
  }
  if (!form.fullName.trim()) {
    missing['applicant.fullName'] = FIELD_MESSAGES['applicant.fullName'];
  }
  if (!form.idNumber.trim()) {
    missing['applicant.idNumber'] = 'Nhập số định danh cá nhân/CCCD của người nộp.';
  }
  if (!form.phone.trim()) {
    missing['applicant.phone'] = 'Nhập số điện thoại của người nộp.';
  }
  if (form.channel === 'postal') {
    for (const [field, key, message] of POSTAL_REQUIRED) {
      if (!String(form[key]).trim()) {
        missing[field] = message;
      }
    }
  }
  return missing;
}

const optional = (v) => (v.trim() ? v.trim() : undefined);

/** POST /applications body; spaces typed in numbers are dropped, empty optional fields left out. */
export function intakeBody(procedure, form) {
  return {
    procedureCode: procedure.code,
    channel: form.channel,
    applicant: {
      fullName: form.fullName.trim(),
      kind: form.kind ?? 'person',
      idNumber: form.idNumber.replace(/\s+/g, ''),
      phone: form.phone.replace(/[\s.]+/g, ''),
      email: optional(form.email),
      address: optional(form.address),
    },
    documents: form.documents
      .filter((d) => d.name.trim())
      .map((d) => ({ name: d.name.trim(), copies: Number(d.copies) || 1 })),
    note: optional(form.note),
  };
}

/**
 * A datetime-local value ('2026-04-29T10:00') as an instant in Hà Nội time: the desk works in
 * Asia/Ho_Chi_Minh whatever the computer's own time zone.
 */
export const hanoiInstant = (value) => `${value}:00+07:00`;

/** POST /postal/intake body: the dossier came by post, received as of the record's signature. */
export function postalIntakeBody(procedure, form) {
  const { channel: _channel, ...base } = intakeBody(procedure, form);
  return {
    ...base,
    sender: {
      name: base.applicant.fullName,
      phone: base.applicant.phone,
      street: form.senderStreet.trim(),
      commune: form.senderCommune.trim(),
      district: optional(form.senderDistrict),
      province: form.senderProvince.trim(),
    },
    trackingCode: optional(form.trackingCode.toUpperCase()),
    handOver: {
      number: form.handOverNumber.trim(),
      signedAt: hanoiInstant(form.handOverSignedAt),
      signedBy: form.handOverSignedBy.trim(),
    },
  };
}
