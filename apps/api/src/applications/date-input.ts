import { atLocalTime } from '@app/domain';

/**
 * A date-time parameter: a full ISO instant as given, or a bare date taken as a local
 * (Asia/Ho_Chi_Minh) date at the given hour.
 */
export function parseDateInput(
  value: string | undefined,
  hourForBareDate = 0,
  minute = 0,
): Date | undefined {
  if (value === undefined) {
    return undefined;
  }
  return /^\d{4}-\d{2}-\d{2}$/.test(value)
    ? atLocalTime(value, hourForBareDate, minute)
    : new Date(value);
}
