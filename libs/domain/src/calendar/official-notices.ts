import type { LocalDate } from './local-date';

/**
 * A date whose status a government notice sets, applied on top of the rules date by date:
 * 'day_off' adds a day off; 'working_day' makes the date a working day (a Saturday worked in a
 * swap, or a rule-derived day off the notice does not grant).
 */
export interface CalendarOverride {
  date: LocalDate;
  kind: 'day_off' | 'working_day';
  reason: string;
  source: string;
}

/**
 * Only the differences between DEFAULT_HOLIDAY_RULES and the civil-service notices for 2025
 * and 2026 (domain spec section 3). Everything the rules already give (Tết 2026, Giỗ Tổ,
 * 30/4–1/5, 2/9 with 1/9, 24/11/2026, the make-up Monday 27/4/2026) needs no override.
 * Seed data for the admin-editable calendar_overrides table.
 */
export const OFFICIAL_NOTICES_2025_2026: readonly CalendarOverride[] = Object.freeze([
  // Tết Ất Tỵ: mùng 1 = Wed 29/1. Rules give Tue 28/1 – Sat 1/2 plus make-up Mon 3/2;
  // the notice grants Mon 27 – Fri 31/1 instead.
  {
    date: '2025-01-27',
    kind: 'day_off',
    reason: 'Nghỉ Tết Nguyên đán Ất Tỵ',
    source: 'TB 6150/TB-BLĐTBXH',
  },
  {
    date: '2025-02-03',
    kind: 'working_day',
    reason: 'Không nghỉ bù: kỳ nghỉ Tết Ất Tỵ đã ấn định từ 27/01 đến 31/01/2025',
    source: 'TB 6150/TB-BLĐTBXH',
  },
  {
    date: '2025-04-26',
    kind: 'working_day',
    reason: 'Làm bù cho ngày nghỉ thứ Sáu 02/5/2025',
    source: 'TB 6150/TB-BLĐTBXH',
  },
  {
    date: '2025-05-02',
    kind: 'day_off',
    reason: 'Nghỉ hoán đổi (làm bù thứ Bảy 26/4/2025)',
    source: 'TB 6150/TB-BLĐTBXH',
  },
  {
    date: '2026-01-02',
    kind: 'day_off',
    reason: 'Nghỉ hoán đổi (làm bù thứ Bảy 10/01/2026)',
    source: 'CV 12729/VPCP-KGVX',
  },
  {
    date: '2026-01-10',
    kind: 'working_day',
    reason: 'Làm bù cho ngày nghỉ thứ Sáu 02/01/2026',
    source: 'CV 12729/VPCP-KGVX',
  },
  {
    date: '2026-08-22',
    kind: 'working_day',
    reason: 'Làm bù cho ngày nghỉ thứ Hai 31/8/2026',
    source: 'TB 9441/TB-BNV',
  },
  {
    date: '2026-08-31',
    kind: 'day_off',
    reason: 'Nghỉ hoán đổi (làm bù thứ Bảy 22/8/2026)',
    source: 'TB 9441/TB-BNV',
  },
]);
