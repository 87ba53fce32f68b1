import { WorkingCalendar } from '@app/domain';

/**
 * Day arithmetic of the generator on epoch day numbers (local days in Asia/Ho_Chi_Minh): the
 * working days of a span as an array, so "the n-th working day after" is an index step
 * instead of the calendar's day-by-day walk (10 M applications need ~40 M such steps).
 */
export const DAY_MS = 86_400_000;
export const MINUTE_MS = 60_000;
const LOCAL_OFFSET_MS = 7 * 3_600_000;

/** The local day (epoch day number) of an instant. */
export const localDayOf = (ms: number) => Math.floor((ms + LOCAL_OFFSET_MS) / DAY_MS);
/** 00:00 local of an epoch day, as epoch milliseconds. */
export const localMidnight = (day: number) => day * DAY_MS - LOCAL_OFFSET_MS;
export const isoDate = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);

export class WorkingDays {
  /** Working days of [first, last], ascending. */
  readonly days: number[] = [];
  /** For each day of [first, last]: the index in `days` of the first working day on or after it. */
  private readonly atOrAfter: Int32Array;

  constructor(
    calendar: WorkingCalendar,
    readonly first: number,
    readonly last: number,
  ) {
    this.atOrAfter = new Int32Array(last - first + 1);
    for (let day = first; day <= last; day++) {
      if (calendar.isWorkingDay(isoDate(day))) {
        this.days.push(day);
      }
    }
    let index = 0;
    for (let day = first; day <= last; day++) {
      while (index < this.days.length && this.days[index] < day) {
        index++;
      }
      this.atOrAfter[day - first] = index;
    }
  }

  isWorking(day: number): boolean {
    return this.days[this.position(day)] === day;
  }

  /** Index of the first working day on or after `day`. */
  position(day: number): number {
    const index = this.atOrAfter[day - this.first];
    if (index === undefined || index >= this.days.length) {
      throw new RangeError(`day ${isoDate(day)} is outside the generator's calendar span`);
    }
    return index;
  }

  /** Working days on or before `day`: workingDaysBetween(a, b) = upTo(b) − upTo(a). */
  upTo(day: number): number {
    // The index of the first working day after `day` is the count of those before it.
    return day >= this.last ? this.days.length : this.atOrAfter[day + 1 - this.first];
  }

  /** The working day at `index` (an index from position(), moved by whole working days). */
  day(index: number): number {
    const day = this.days[index];
    if (day === undefined) {
      throw new RangeError(`working day #${index} is outside the generator's calendar span`);
    }
    return day;
  }
}
