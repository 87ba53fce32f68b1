import { localTimeOf, parseLocalDate, toLocalDate, type TimeLimit } from '@app/domain';

// Every date printed on a form is the Vietnamese wall clock (Asia/Ho_Chi_Minh, UTC+7),
// whatever the server's time zone.

const pad = (n: number) => String(n).padStart(2, '0');

function parts(instant: Date) {
  const { year, month, day } = parseLocalDate(toLocalDate(instant));
  const { hour, minute } = localTimeOf(instant);
  return { year, month, day, hour, minute };
}

/** "ngày 05 tháng 03 năm 2026" */
export function viDate(instant: Date): string {
  const p = parts(instant);
  return `ngày ${pad(p.day)} tháng ${pad(p.month)} năm ${p.year}`;
}

/** "08 giờ 30 phút, ngày 05 tháng 03 năm 2026" */
export function viDateTime(instant: Date): string {
  const p = parts(instant);
  return `${pad(p.hour)} giờ ${pad(p.minute)} phút, ${viDate(instant)}`;
}

/** "05/03/2026" */
export function shortDate(instant: Date): string {
  const p = parts(instant);
  return `${pad(p.day)}/${pad(p.month)}/${p.year}`;
}

/** "08:30 05/03/2026" */
export function shortDateTime(instant: Date): string {
  const p = parts(instant);
  return `${pad(p.hour)}:${pad(p.minute)} ${shortDate(instant)}`;
}

const UNIT_LABEL: Record<TimeLimit['unit'], string> = {
  working_days: 'ngày làm việc',
  calendar_days: 'ngày',
  hours: 'giờ làm việc',
  months: 'tháng',
};

/** "05 ngày làm việc" */
export function timeLimitText(limit: TimeLimit): string {
  return `${pad(limit.value)} ${UNIT_LABEL[limit.unit]}`;
}

/** "05" for counts printed on forms (số bộ, số bản). */
export const twoDigits = pad;

/** Shown where a value was not recorded, so the line can be filled in by hand. */
export const BLANK = '…………………………';

export const orBlank = (value: string | null | undefined): string =>
  value && value.trim() !== '' ? value : BLANK;
