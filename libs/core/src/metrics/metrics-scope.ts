import {
  addLocalDays,
  atLocalTime,
  compareLocalDates,
  DomainError,
  DomainErrorCode,
  localDateToDayNumber,
  Role,
} from '@app/domain';

export interface MetricsViewer {
  role: Role;
  departmentId: string | null;
}

/** A validated range of local dates, both ends included, with its instants. */
export interface MetricsRange {
  from: string;
  to: string;
  /** Start of `from` (00:00 Asia/Ho_Chi_Minh). */
  startAt: Date;
  /** Start of the day after `to`. */
  endAt: Date;
}

/** Longest range a metric or report accepts: three years of roll-ups. */
export const MAX_RANGE_DAYS = 3 * 366;

/**
 * The department a viewer's figures are limited to (null: the whole province). Heads see only
 * their own department: asking for another is forbidden, asking for none means their own.
 */
export function metricsDepartmentFor(viewer: MetricsViewer, requested?: string): string | null {
  if (viewer.role !== Role.Head) {
    return requested ?? null;
  }
  if (requested !== undefined && requested !== viewer.departmentId) {
    throw new DomainError(
      DomainErrorCode.Forbidden,
      "A head of department sees only their own department's figures",
    );
  }
  return viewer.departmentId;
}

export function metricsRange(from: string, to: string): MetricsRange {
  if (compareLocalDates(from, to) > 0) {
    throw DomainError.validation('to', 'must not be before from');
  }
  if (localDateToDayNumber(to) - localDateToDayNumber(from) + 1 > MAX_RANGE_DAYS) {
    throw DomainError.validation('to', 'the range must not exceed 3 years');
  }
  return { from, to, startAt: atLocalTime(from, 0), endAt: atLocalTime(addLocalDays(to, 1), 0) };
}
