import {
  addLocalDays,
  atLocalMillis,
  compareLocalDates,
  localMillisOfDay,
  minutesOfDay,
  toLocalDate,
  type WorkingCalendar,
} from '../calendar';
import { DEFAULT_DEADLINE_POLICY, type DeadlinePolicy } from './deadline-policy';

/**
 * Working time = office hours on working days, minus the lunch break when the policy has one.
 * With the default 07:30–17:00 and no break a working day holds 9.5 h, so 8 h received Monday
 * 10:00 is due Tuesday 08:30; with a 12:00–13:30 break (8 h days) it is due Tuesday 10:00.
 */

const MS_PER_MINUTE = 60_000;

/** The day's working intervals as [start, end) milliseconds after local midnight. */
function workingSegments(policy: DeadlinePolicy): Array<[number, number]> {
  const start = minutesOfDay(policy.officeHours.start) * MS_PER_MINUTE;
  const end = minutesOfDay(policy.officeHours.end) * MS_PER_MINUTE;
  const lunch = policy.lunchBreak;
  if (!lunch) {
    return [[start, end]];
  }
  return [
    [start, minutesOfDay(lunch.start) * MS_PER_MINUTE],
    [minutesOfDay(lunch.end) * MS_PER_MINUTE, end],
  ];
}

/** The instant `minutes` of working time after `from`; work ending at 17:00 ends at 17:00. */
export function addWorkingMinutes(
  from: Date,
  minutes: number,
  calendar: WorkingCalendar,
  policy: DeadlinePolicy = DEFAULT_DEADLINE_POLICY,
): Date {
  if (!Number.isFinite(minutes) || minutes < 0) {
    throw new RangeError(`addWorkingMinutes needs minutes ≥ 0, got ${minutes}`);
  }
  if (minutes === 0) {
    return from;
  }
  const segments = workingSegments(policy);
  let remaining = minutes * MS_PER_MINUTE;
  let day = toLocalDate(from);
  let position = localMillisOfDay(from);
  for (;;) {
    if (calendar.isWorkingDay(day)) {
      for (const [segmentStart, segmentEnd] of segments) {
        const begin = Math.max(segmentStart, position);
        if (begin >= segmentEnd) {
          continue;
        }
        if (remaining <= segmentEnd - begin) {
          return atLocalMillis(day, begin + remaining);
        }
        remaining -= segmentEnd - begin;
      }
    }
    day = calendar.nextWorkingDay(day);
    position = 0;
  }
}

/** Working time, in minutes (possibly fractional), between two instants; 0 if `to` ≤ `from`. */
export function workingMinutesBetween(
  from: Date,
  to: Date,
  calendar: WorkingCalendar,
  policy: DeadlinePolicy = DEFAULT_DEADLINE_POLICY,
): number {
  if (to.getTime() <= from.getTime()) {
    return 0;
  }
  const segments = workingSegments(policy);
  const lastDay = toLocalDate(to);
  let total = 0;
  for (
    let day = toLocalDate(from);
    compareLocalDates(day, lastDay) <= 0;
    day = addLocalDays(day, 1)
  ) {
    if (!calendar.isWorkingDay(day)) {
      continue;
    }
    for (const [segmentStart, segmentEnd] of segments) {
      const begin = Math.max(atLocalMillis(day, segmentStart).getTime(), from.getTime());
      const end = Math.min(atLocalMillis(day, segmentEnd).getTime(), to.getTime());
      total += Math.max(0, end - begin);
    }
  }
  return total / MS_PER_MINUTE;
}
