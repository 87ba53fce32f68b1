// @ts-check
// The API's field reasons are English (details[].reason, for integrators); staff read Vietnamese.

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
