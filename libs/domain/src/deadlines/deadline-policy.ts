import { minutesOfDay, type TimeOfDay } from '../calendar';

/** Unit of a procedure's published time limit (Quyết định công bố TTHC). */
export type TimeLimitUnit = 'working_days' | 'hours' | 'calendar_days' | 'months';

export interface TimeLimit {
  value: number;
  unit: TimeLimitUnit;
}

export interface TimeOfDayRange {
  start: TimeOfDay;
  end: TimeOfDay;
}

/** How a province turns a reception time and a time limit into an appointment time. */
export interface DeadlinePolicy {
  /** true: the reception day is day 0 and day 1 is the next working day (BLDS Art. 147). */
  dayZero: boolean;
  /** Receptions at or after this local time count as made at the next working day's start. */
  cutoff: TimeOfDay;
  officeHours: TimeOfDayRange;
  /** Excluded from hour-based limits; none by default (office hours are counted whole). */
  lunchBreak?: TimeOfDayRange | null;
  dueTime: 'end_of_office_hours';
}

export const DEFAULT_DEADLINE_POLICY: DeadlinePolicy = Object.freeze({
  dayZero: true,
  cutoff: Object.freeze({ hour: 15, minute: 0 }),
  officeHours: Object.freeze({
    start: Object.freeze({ hour: 7, minute: 30 }),
    end: Object.freeze({ hour: 17, minute: 0 }),
  }),
  lunchBreak: null,
  dueTime: 'end_of_office_hours',
});

const TIME_LIMIT_UNITS: readonly TimeLimitUnit[] = [
  'working_days',
  'hours',
  'calendar_days',
  'months',
];

export function assertValidTimeLimit(limit: TimeLimit): void {
  if (!TIME_LIMIT_UNITS.includes(limit.unit)) {
    throw new RangeError(`Unknown time-limit unit '${String(limit.unit)}'`);
  }
  const wholeUnit = limit.unit !== 'hours';
  if (
    !Number.isFinite(limit.value) ||
    limit.value < 0 ||
    (wholeUnit && !Number.isInteger(limit.value))
  ) {
    throw new RangeError(`Invalid time limit ${limit.value} ${limit.unit}`);
  }
}

function isTimeOfDay(time: TimeOfDay): boolean {
  return (
    Number.isInteger(time.hour) &&
    Number.isInteger(time.minute) &&
    time.minute >= 0 &&
    time.minute < 60 &&
    time.hour >= 0 &&
    minutesOfDay(time) <= 24 * 60
  );
}

function isRange(range: TimeOfDayRange): boolean {
  return (
    isTimeOfDay(range.start) &&
    isTimeOfDay(range.end) &&
    minutesOfDay(range.start) < minutesOfDay(range.end)
  );
}

export function assertValidDeadlinePolicy(policy: DeadlinePolicy): void {
  const { officeHours, lunchBreak, cutoff } = policy;
  const lunchInside =
    !lunchBreak ||
    (isRange(lunchBreak) &&
      minutesOfDay(lunchBreak.start) >= minutesOfDay(officeHours.start) &&
      minutesOfDay(lunchBreak.end) <= minutesOfDay(officeHours.end));
  if (!isRange(officeHours) || !isTimeOfDay(cutoff) || !lunchInside) {
    throw new RangeError('Deadline policy: office hours, cut-off or lunch break out of range');
  }
}
