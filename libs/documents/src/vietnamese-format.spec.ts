import { shortDate, shortDateTime, timeLimitText, viDate, viDateTime } from './vietnamese-format';

describe('Vietnamese dates (Asia/Ho_Chi_Minh, UTC+7)', () => {
  it.each([
    ['2026-03-05T01:30:00Z', '08 giờ 30 phút, ngày 05 tháng 03 năm 2026', '08:30 05/03/2026'],
    // 17:30 UTC is already the next morning in Hà Nội.
    ['2026-12-31T17:30:00Z', '00 giờ 30 phút, ngày 01 tháng 01 năm 2027', '00:30 01/01/2027'],
    ['2026-03-04T16:59:00Z', '23 giờ 59 phút, ngày 04 tháng 03 năm 2026', '23:59 04/03/2026'],
  ])('%s → "%s"', (iso, long, short) => {
    expect(viDateTime(new Date(iso))).toBe(long);
    expect(shortDateTime(new Date(iso))).toBe(short);
  });

  it('writes dates alone', () => {
    expect(viDate(new Date('2026-07-09T10:00:00Z'))).toBe('ngày 09 tháng 07 năm 2026');
    expect(shortDate(new Date('2026-07-09T10:00:00Z'))).toBe('09/07/2026');
  });

  it.each([
    [{ value: 5, unit: 'working_days' as const }, '05 ngày làm việc'],
    [{ value: 15, unit: 'calendar_days' as const }, '15 ngày'],
    [{ value: 8, unit: 'hours' as const }, '08 giờ làm việc'],
    [{ value: 3, unit: 'months' as const }, '03 tháng'],
  ])('time limit %j → "%s"', (limit, text) => {
    expect(timeLimitText(limit)).toBe(text);
  });
});
