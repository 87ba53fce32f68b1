import { Inject, Injectable } from '@nestjs/common';
import {
  CalendarOverrideRecord,
  CalendarOverrideRepository,
  NewCalendarOverride,
  WorkingCalendarService,
} from '@app/database';
import {
  CalendarDayEntry,
  computeDueAt,
  DomainError,
  DomainErrorCode,
  FieldProblem,
  TimeLimit,
} from '@app/domain';

/** The working-day calendar: what a year looks like, its notices, and due dates. */
@Injectable()
export class CalendarService {
  constructor(
    @Inject(WorkingCalendarService) private readonly calendars: WorkingCalendarService,
    @Inject(CalendarOverrideRepository) private readonly overrides: CalendarOverrideRepository,
  ) {}

  /** Holidays, make-up days, notice days off and Saturdays worked, with the notices applied. */
  async describeYear(year: number): Promise<CalendarDayEntry[]> {
    return (await this.calendars.current()).describeYear(year);
  }

  listOverrides(year: number): Promise<CalendarOverrideRecord[]> {
    return this.overrides.listYear(year);
  }

  /** Replaces the year's notices as a whole; every date must lie in that year, once. */
  async replaceOverrides(
    year: number,
    overrides: NewCalendarOverride[],
    userId: string,
  ): Promise<CalendarOverrideRecord[]> {
    const problems: FieldProblem[] = [];
    const seen = new Map<string, number>();
    overrides.forEach((override, i) => {
      const field = `overrides[${i}].date`;
      if (!override.date.startsWith(`${year}-`)) {
        problems.push({ field, reason: `must be a date in ${year}` });
      } else if (seen.has(override.date)) {
        problems.push({ field, reason: `repeats overrides[${seen.get(override.date)}].date` });
      } else {
        seen.set(override.date, i);
      }
    });
    if (problems.length > 0) {
      throw new DomainError(
        DomainErrorCode.Validation,
        `Danh sách ngày điều chỉnh năm ${year} không hợp lệ`,
        problems,
      );
    }
    const saved = await this.overrides.replaceYear(year, overrides, userId);
    this.calendars.invalidate();
    return saved;
  }

  async dueAt(receivedAt: Date, limit: TimeLimit): Promise<Date> {
    const year = receivedAt.getUTCFullYear();
    if (year < 1900 || year > 2199) {
      throw DomainError.validation('receivedAt', 'must be between 1900 and 2199');
    }
    const calendar = await this.calendars.current();
    return computeDueAt({ receivedAt, limit, calendar, policy: this.calendars.deadlinePolicy() });
  }
}
