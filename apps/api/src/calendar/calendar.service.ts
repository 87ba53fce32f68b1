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
  WorkingCalendar,
} from '@app/domain';

/** How many open applications one preview looks at, soonest due first. */
export const PREVIEW_LIMIT = 5_000;
const DAY_MS = 24 * 60 * 60 * 1000;

export interface OverridePreviewRow {
  id: string;
  code: string;
  procedureName: string;
  dueAt: string;
  newDueAt: string;
  shiftDays: number;
}

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
    this.checkOverrides(year, overrides);
    const saved = await this.overrides.replaceYear(year, overrides, userId);
    this.calendars.invalidate();
    return saved;
  }

  private checkOverrides(year: number, overrides: NewCalendarOverride[]): void {
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
  }

  /**
   * What-if before saving: the open applications whose appointment, computed again from their
   * reception and time limit (computeDueAt), falls elsewhere with `overrides` as the year's
   * notices than with the stored ones; the shift is applied to the stored appointment (which
   * already holds pauses and apologies). Saving does not change stored appointments.
   */
  async previewOverrides(
    year: number,
    overrides: NewCalendarOverride[],
  ): Promise<{ checked: number; moved: OverridePreviewRow[] }> {
    this.checkOverrides(year, overrides);
    const current = await this.calendars.current();
    const others = (await this.overrides.listAll()).filter((o) => !o.date.startsWith(`${year}-`));
    const proposed = new WorkingCalendar([
      ...others.map(({ date, kind, reason, source }) => ({ date, kind, reason, source })),
      ...overrides,
    ]);
    const policy = this.calendars.deadlinePolicy();
    const rows = await this.overrides.openApplicationsTouchingYear(year, PREVIEW_LIMIT);
    const moved: OverridePreviewRow[] = [];
    for (const row of rows) {
      const limit = { value: row.limitValue, unit: row.limitUnit } as TimeLimit;
      const receivedAt = new Date(row.receivedAt);
      const before = computeDueAt({ receivedAt, limit, calendar: current, policy });
      const after = computeDueAt({ receivedAt, limit, calendar: proposed, policy });
      const shiftMs = after.getTime() - before.getTime();
      if (shiftMs !== 0) {
        const dueAt = new Date(row.dueAt);
        moved.push({
          id: row.id,
          code: row.code,
          procedureName: row.procedureName,
          dueAt: dueAt.toISOString(),
          newDueAt: new Date(dueAt.getTime() + shiftMs).toISOString(),
          shiftDays: Math.round(shiftMs / DAY_MS),
        });
      }
    }
    return { checked: rows.length, moved };
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
