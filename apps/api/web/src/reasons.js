// @ts-check
// The API's field reasons are English (details[].reason, for integrators); staff and citizens
// read Vietnamese. Nothing the API writes in English is ever shown as it is: a reason no
// pattern knows reads "Giá trị không hợp lệ." (No imports: the browser tests load this module
// on its own to check every reason the API gives.)

/** @type {Array<[RegExp, (m: RegExpExecArray) => string]>} */
const PATTERNS = [
  [/should not be empty|must not be empty|is required|must be a string/i, () => 'Bắt buộc nhập.'],
  [
    /at least (\d+) characters|longer than or equal to (\d+)/i,
    (m) => `Tối thiểu ${m[1] ?? m[2]} ký tự.`,
  ],
  [
    /shorter than or equal to (\d+)|at most (\d+) characters/i,
    (m) => `Tối đa ${m[1] ?? m[2]} ký tự.`,
  ],
  [/too common/i, () => 'Mật khẩu quá phổ biến, hãy chọn mật khẩu khác.'],
  [
    /not a required document of this procedure|one of the procedure's documents/i,
    () => 'Giấy tờ này không thuộc thành phần hồ sơ của thủ tục.',
  ],
  [/listed twice|repeats another document/i, () => 'Giấy tờ này đã có trong danh sách.'],
  [/whole number from (\d+) to (\d+)/i, (m) => `Nhập số nguyên từ ${m[1]} đến ${m[2]}.`],
  [/must be original or copy/i, () => 'Chọn bản chính hoặc bản sao.'],
  [
    /misses required documents/i,
    () => 'Hồ sơ còn thiếu giấy tờ theo quy định: lập phiếu yêu cầu bổ sung (Mẫu 02).',
  ],
  [
    /applications received it/i,
    () => 'Giấy tờ đã có hồ sơ nộp nên không xoá được; hãy bỏ chọn "Đang áp dụng".',
  ],
  [
    /just removed from the procedure's list/i,
    () => 'Danh mục giấy tờ của thủ tục vừa thay đổi: chọn lại thủ tục rồi đánh dấu lại.',
  ],
  [/is not a document of this procedure/i, () => 'Giấy tờ không thuộc thủ tục này; tải lại trang.'],
  [/phone/i, () => 'Số điện thoại không hợp lệ, ví dụ 0912345678.'],
  [
    /citizen ID|tax code|passport/i,
    () =>
      'Số định danh cá nhân/CCCD gồm 12 chữ số (CMND cũ: 9 chữ số), hoặc là mã số thuế, số hộ chiếu.',
  ],
  [/already (exists|taken|used)|duplicate|is taken/i, () => 'Đã có, hãy chọn giá trị khác.'],
  [/email/i, () => 'Địa chỉ email không hợp lệ.'],
  [/uuid|department/i, () => 'Chọn một phòng trong danh sách.'],
  [/one of|must be a valid enum/i, () => 'Chọn một giá trị trong danh sách.'],
  [/whole number|integer|number/i, () => 'Nhập một số nguyên hợp lệ.'],
  [/date in (\d{4})/i, (m) => `Ngày phải thuộc năm ${m[1]}.`],
  [/repeats/i, () => 'Ngày này đã có trong danh sách.'],
  [/date/i, () => 'Ngày không hợp lệ.'],
  [
    /lower-case letters/i,
    () => 'Từ 3 đến 50 chữ thường, chữ số, dấu chấm, gạch ngang hoặc gạch dưới.',
  ],
  [/pattern|must match/i, () => 'Không đúng định dạng.'],
];

/**
 * @param {string | undefined} reason
 * @returns {string}
 */
export function reasonText(reason) {
  if (!reason) {
    return '';
  }
  for (const [pattern, text] of PATTERNS) {
    const m = pattern.exec(reason);
    if (m) {
      return text(m);
    }
  }
  return 'Giá trị không hợp lệ.';
}

/**
 * fieldErrors(error) with each reason in Vietnamese: what a form shows beside its fields
 * (never the API's English).
 * @param {Record<string, string>} byField
 * @returns {Record<string, string>}
 */
export function localizeFields(byField) {
  return Object.fromEntries(
    Object.entries(byField).map(([field, reason]) => [field, reasonText(reason)]),
  );
}
