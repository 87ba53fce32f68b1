import { compareLocalDates, toLocalDate } from '../calendar';

/**
 * The reminders of a step's own due date, sent to the department holding it (persisted in
 * step_deadline_alerts.kind). Same instants as the application's alerts of the same kind
 * (deadlineAlertTimes); no "due now": a step is handed on, not returned to the citizen.
 */
export type StepAlertKind = 'due_soon' | 'overdue';

/** In firing order. */
export const STEP_ALERT_KINDS: readonly StepAlertKind[] = ['due_soon', 'overdue'];

/** How an inter-agency step ended against its own due date (Mẫu 05 "kết quả"). Persisted. */
export type StepOutcome = 'early' | 'on_time' | 'late';

/**
 * Day granularity in Asia/Ho_Chi_Minh, as for the dossier's K1 classification: handed on
 * before the due day is early, on the due day (at any hour) on time, after it late.
 */
export function classifyStep(completedAt: Date, dueAt: Date): StepOutcome {
  const order = compareLocalDates(toLocalDate(completedAt), toLocalDate(dueAt));
  return order < 0 ? 'early' : order === 0 ? 'on_time' : 'late';
}

export interface StepAttribution {
  seq: number;
  toDepartmentId: string;
  completedAt: Date | null;
  outcome: StepOutcome | null;
}

/**
 * The department that carries a delay (domain spec section 2, liên thông attribution): the
 * receiver of the first step that overran; with none, the department holding the application
 * (the open step's receiver, else the lead department).
 */
export function responsibleDepartment(
  steps: readonly StepAttribution[],
  leadDepartmentId: string,
): string {
  const ordered = [...steps].sort((a, b) => a.seq - b.seq);
  const late = ordered.find((s) => s.outcome === 'late');
  if (late) {
    return late.toDepartmentId;
  }
  return holdingDepartment(ordered, leadDepartmentId);
}

/** The receiver of the open step; the lead department when no step is open. */
export function holdingDepartment(
  steps: readonly StepAttribution[],
  leadDepartmentId: string,
): string {
  return steps.find((s) => s.completedAt === null)?.toDepartmentId ?? leadDepartmentId;
}

/**
 * Why a step was closed (application_steps.ending): handed on to the next department, or the
 * application ended while the department held it. Persisted.
 */
export type StepEnding = 'handed_over' | 'result_ready' | 'stopped' | 'withdrawn' | 'rejected';

/** The ending of a step closed by a stop with this reason ('withdrawn', 'rejected', other). */
export function stepEndingOfStop(stopReason: string | null): StepEnding {
  return stopReason === 'withdrawn' || stopReason === 'rejected' ? stopReason : 'stopped';
}
