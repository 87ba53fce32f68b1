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
  checklist:
    'Hồ sơ còn thiếu giấy tờ theo quy định: đánh dấu đủ các giấy tờ đã nộp, hoặc lập phiếu yêu cầu bổ sung (Mẫu 02).',
};

export function messageFor(field, reason) {
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
  idNumber: '',
  phone: '',
  email: '',
  address: '',
  channel: 'direct',
  documents: [],
  /** The checklist: by procedure document id, {checked, form, copies} (see checklist.js). */
  checklist: /** @type {Record<string, import('./checklist.js').CheckState>} */ ({}),
  note: '',
});

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
