import { dayNumberToLocalDate, localDateToDayNumber, type LocalDate } from './local-date';

/**
 * Asia/Ho_Chi_Minh has been a fixed UTC+7 with no daylight saving since 1975, so a constant
 * offset is exact for every instant this application handles, and much cheaper than Intl.
 */
export const VIETNAM_UTC_OFFSET_MINUTES = 7 * 60;

export interface TimeOfDay {
  hour: number;
  minute: number;
}

const MS_PER_MINUTE = 60_000;
const MS_PER_DAY = 86_400_000;
const OFFSET_MS = VIETNAM_UTC_OFFSET_MINUTES * MS_PER_MINUTE;

/** Milliseconds since 1970-01-01 00:00 on the Vietnamese wall clock. */
function localEpochMs(instant: Date): number {
  const ms = instant.getTime();
  if (Number.isNaN(ms)) {
    throw new RangeError('Invalid Date');
  }
  return ms + OFFSET_MS;
}

export function toLocalDate(instant: Date): LocalDate {
  return dayNumberToLocalDate(Math.floor(localEpochMs(instant) / MS_PER_DAY));
}

/** Milliseconds elapsed since local midnight (0 … 86 399 999). */
export function localMillisOfDay(instant: Date): number {
  const local = localEpochMs(instant);
  return local - Math.floor(local / MS_PER_DAY) * MS_PER_DAY;
}

/** Local wall-clock hour and minute; seconds are dropped. */
export function localTimeOf(instant: Date): TimeOfDay {
  const minutes = Math.floor(localMillisOfDay(instant) / MS_PER_MINUTE);
  return { hour: Math.floor(minutes / 60), minute: minutes % 60 };
}

export function minutesOfDay(time: TimeOfDay): number {
  return time.hour * 60 + time.minute;
}

/** The instant at `millisOfDay` after local midnight of `date` (may exceed one day). */
export function atLocalMillis(date: LocalDate, millisOfDay: number): Date {
  return new Date(localDateToDayNumber(date) * MS_PER_DAY + millisOfDay - OFFSET_MS);
}

/** The instant at hh:mm local time on `date`. */
export function atLocalTime(date: LocalDate, hour: number, minute: number = 0): Date {
  return atLocalMillis(date, (hour * 60 + minute) * MS_PER_MINUTE);
}
