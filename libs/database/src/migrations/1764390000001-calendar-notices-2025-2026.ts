import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Data: the civil-service holiday notices for 2025 and 2026 (domain spec section 3), pre-loaded
 * as editable overrides. Kept apart from the schema migration (style rule 15). Values are
 * written out here, not imported, so this migration means the same thing forever.
 */
const NOTICES: Array<[string, 'day_off' | 'working_day', string, string]> = [
  ['2025-01-01', 'day_off', 'Tết Dương lịch', 'BLLĐ 2019 Điều 112'],
  ['2025-01-27', 'day_off', 'Tết Nguyên đán', 'TB 6150/TB-BLĐTBXH'],
  ['2025-01-28', 'day_off', 'Tết Nguyên đán', 'TB 6150/TB-BLĐTBXH'],
  ['2025-01-29', 'day_off', 'Tết Nguyên đán', 'TB 6150/TB-BLĐTBXH'],
  ['2025-01-30', 'day_off', 'Tết Nguyên đán', 'TB 6150/TB-BLĐTBXH'],
  ['2025-01-31', 'day_off', 'Tết Nguyên đán', 'TB 6150/TB-BLĐTBXH'],
  // The rules alone would make Mon 3/2 a make-up day (Sat 1/2 in their span); the notice's span has none.
  [
    '2025-02-03',
    'working_day',
    'Ngày làm việc (Tết theo TB 6150 là 27–31/1, không nghỉ bù)',
    'TB 6150/TB-BLĐTBXH',
  ],
  ['2025-04-07', 'day_off', 'Giỗ Tổ Hùng Vương', 'BLLĐ 2019 Điều 112'],
  ['2025-04-26', 'working_day', 'Làm bù cho ngày nghỉ 02/5', 'TB 6150/TB-BLĐTBXH'],
  ['2025-04-30', 'day_off', 'Ngày Chiến thắng', 'BLLĐ 2019 Điều 112'],
  ['2025-05-01', 'day_off', 'Ngày Quốc tế Lao động', 'BLLĐ 2019 Điều 112'],
  ['2025-05-02', 'day_off', 'Nghỉ hoán đổi (làm bù thứ Bảy 26/4)', 'TB 6150/TB-BLĐTBXH'],
  ['2025-09-01', 'day_off', 'Quốc khánh (ngày liền kề)', 'TB 6150/TB-BLĐTBXH'],
  ['2025-09-02', 'day_off', 'Quốc khánh', 'TB 6150/TB-BLĐTBXH'],
  ['2026-01-01', 'day_off', 'Tết Dương lịch', 'BLLĐ 2019 Điều 112'],
  ['2026-01-02', 'day_off', 'Nghỉ hoán đổi (làm bù thứ Bảy 10/1)', 'CV 12729/VPCP-KGVX'],
  ['2026-01-10', 'working_day', 'Làm bù cho ngày nghỉ 02/1', 'CV 12729/VPCP-KGVX'],
  ['2026-02-16', 'day_off', 'Tết Nguyên đán', 'TB 9441/TB-BNV'],
  ['2026-02-17', 'day_off', 'Tết Nguyên đán', 'TB 9441/TB-BNV'],
  ['2026-02-18', 'day_off', 'Tết Nguyên đán', 'TB 9441/TB-BNV'],
  ['2026-02-19', 'day_off', 'Tết Nguyên đán', 'TB 9441/TB-BNV'],
  ['2026-02-20', 'day_off', 'Tết Nguyên đán', 'TB 9441/TB-BNV'],
  [
    '2026-04-27',
    'day_off',
    'Nghỉ bù Giỗ Tổ Hùng Vương (26/4 là Chủ nhật)',
    'BLLĐ 2019 Điều 111(3)',
  ],
  ['2026-04-30', 'day_off', 'Ngày Chiến thắng', 'CV 3383/BNV-CVL'],
  ['2026-05-01', 'day_off', 'Ngày Quốc tế Lao động', 'CV 3383/BNV-CVL'],
  ['2026-08-22', 'working_day', 'Làm bù cho ngày nghỉ 31/8', 'TB 9441/TB-BNV'],
  ['2026-08-31', 'day_off', 'Nghỉ hoán đổi (làm bù thứ Bảy 22/8)', 'TB 9441/TB-BNV'],
  ['2026-09-01', 'day_off', 'Quốc khánh (ngày liền kề)', 'TB 9441/TB-BNV'],
  ['2026-09-02', 'day_off', 'Quốc khánh', 'TB 9441/TB-BNV'],
  ['2026-11-24', 'day_off', 'Ngày Văn hóa Việt Nam', 'NQ 28/2026/QH16 Điều 2'],
];

export class CalendarNotices20252026_1764390000001 implements MigrationInterface {
  name = 'CalendarNotices20252026_1764390000001';

  public async up(q: QueryRunner): Promise<void> {
    for (const [date, kind, reason, source] of NOTICES) {
      await q.query(
        `INSERT INTO calendar_overrides (date, kind, reason, source) VALUES ($1, $2, $3, $4)
         ON CONFLICT (date) DO NOTHING`,
        [date, kind, reason, source],
      );
    }
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(
      `DELETE FROM calendar_overrides WHERE date = ANY($1::date[]) AND updated_by IS NULL`,
      [NOTICES.map(([date]) => date)],
    );
  }
}
