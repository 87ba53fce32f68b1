import {
  classifyOnTime,
  OnTimeClassification,
  TimeLimit,
  WorkingCalendar,
  DeadlinePolicy,
} from '@app/domain';
import { ClassificationSource } from '@app/database';

/**
 * K1 classification of a finished application: against the ORIGINAL appointment (an apology
 * letter does not move it for the KPI), with completed supplement waits subtracted.
 */
export function classifyResult(
  source: ClassificationSource,
  calendar: WorkingCalendar,
  policy: DeadlinePolicy,
  now: Date,
): OnTimeClassification {
  return classifyOnTime({
    receivedAt: new Date(source.receivedAt),
    dueAt: source.originalDueAt ? new Date(source.originalDueAt) : null,
    resultReadyAt: source.resultReadyAt ? new Date(source.resultReadyAt) : null,
    supplements: source.supplements.map((s) => ({
      requestedAt: new Date(s.requestedAt),
      completedAt: s.completedAt ? new Date(s.completedAt) : null,
    })),
    limit: { value: source.timeLimitValue, unit: source.timeLimitUnit } as TimeLimit,
    calendar,
    policy,
    now,
  });
}

export const OUTCOME_COUNTER = {
  early: 'result_early',
  on_time: 'result_on_time',
  late: 'result_late',
} as const;
