import type { WorkingCalendar } from '../calendar';
import { computeDueAt, type DeadlinePolicy } from '../deadlines';
import { DomainError, DomainErrorCode } from '../errors';
import { ApplicationStatus as S } from './application-status';

/** Why processing stopped (status 8). Persisted in applications.stop_reason and history. */
export enum StopReason {
  /** Refusal after appraisal (spec §2: recorded as 8 with reason "rejected"). */
  Rejected = 'rejected',
  /** The applicant's withdrawal request (7 → 8). */
  Withdrawn = 'withdrawn',
  /** Abandoned: the requested supplement never came. */
  SupplementNotProvided = 'supplement_not_provided',
  /** Abandoned: the fee or tax was never paid. */
  PaymentNotProvided = 'payment_not_provided',
  Other = 'other',
}

export interface StopReasonRule {
  /** The statuses a stop with this reason may come from. */
  from: readonly S[];
  /** The reason as the stop notice prints it. */
  labelVi: string;
  /** Abandonment: stopping waits until the applicant has had the configured time to answer. */
  waitsForApplicant: boolean;
}

export const STOP_REASON_RULES: Record<StopReason, StopReasonRule> = {
  [StopReason.Rejected]: {
    from: [S.Processing],
    labelVi: 'Hồ sơ không đủ điều kiện giải quyết theo quy định',
    waitsForApplicant: false,
  },
  [StopReason.Withdrawn]: {
    from: [S.WithdrawalRequested],
    labelVi: 'Theo đề nghị rút hồ sơ của người nộp hồ sơ',
    waitsForApplicant: false,
  },
  [StopReason.SupplementNotProvided]: {
    from: [S.SupplementRequested],
    labelVi: 'Người nộp hồ sơ không bổ sung, hoàn thiện hồ sơ theo yêu cầu',
    waitsForApplicant: true,
  },
  [StopReason.PaymentNotProvided]: {
    from: [S.PaymentRequired],
    labelVi: 'Người nộp hồ sơ không thực hiện nghĩa vụ tài chính theo yêu cầu',
    waitsForApplicant: true,
  },
  [StopReason.Other]: {
    from: [S.Processing, S.WithdrawalRequested],
    labelVi: 'Lý do khác',
    waitsForApplicant: false,
  },
};

/** The reason a stop from `status` has when none is given. */
const DEFAULT_STOP_REASON: Partial<Record<S, StopReason>> = {
  [S.Processing]: StopReason.Rejected,
  [S.WithdrawalRequested]: StopReason.Withdrawn,
  [S.SupplementRequested]: StopReason.SupplementNotProvided,
  [S.PaymentRequired]: StopReason.PaymentNotProvided,
};

export interface StopContext {
  status: S;
  stopReason?: StopReason;
  /** When the wait for the applicant began (the supplement or payment request). */
  waitingSince: Date | null;
  now: Date;
  calendar: WorkingCalendar;
  policy: DeadlinePolicy;
  /** Working days the applicant has to answer before the application may be stopped. */
  abandonmentWorkingDays: number;
}

/**
 * The earliest instant an application waiting for the applicant since `waitingSince` counts as
 * abandoned: the end of office hours of the n-th working day after the request (the request day
 * is day 0, like any limit).
 */
export function abandonedFrom(
  waitingSince: Date,
  abandonmentWorkingDays: number,
  calendar: WorkingCalendar,
  policy: DeadlinePolicy,
): Date {
  return computeDueAt({
    receivedAt: waitingSince,
    limit: { value: abandonmentWorkingDays, unit: 'working_days' },
    calendar,
    policy,
  });
}

/** Whether a stop is possible now, and with which reason; throws why not. */
export function planStop(ctx: StopContext): StopReason {
  const reason = ctx.stopReason ?? DEFAULT_STOP_REASON[ctx.status];
  const rule = reason ? STOP_REASON_RULES[reason] : undefined;
  if (!reason || !rule || !rule.from.includes(ctx.status)) {
    const allowed = Object.entries(STOP_REASON_RULES)
      .filter(([, r]) => r.from.includes(ctx.status))
      .map(([name]) => name);
    throw new DomainError(
      DomainErrorCode.IllegalTransition,
      `cannot stop an application in status ${ctx.status} with reason ${reason ?? '(none)'}`,
      [
        {
          field: 'stopReason',
          reason:
            allowed.length > 0
              ? `in status ${ctx.status} must be one of ${allowed.join(', ')}`
              : `no stop is possible in status ${ctx.status}`,
        },
      ],
    );
  }
  if (rule.waitsForApplicant) {
    const since = ctx.waitingSince ?? ctx.now;
    const from = abandonedFrom(since, ctx.abandonmentWorkingDays, ctx.calendar, ctx.policy);
    if (ctx.now.getTime() <= from.getTime()) {
      throw new DomainError(
        DomainErrorCode.IllegalTransition,
        `the applicant may still answer until ${from.toISOString()}`,
        [
          {
            field: 'stopReason',
            reason: `${reason} only after ${ctx.abandonmentWorkingDays} working days of waiting (from ${from.toISOString()})`,
          },
        ],
      );
    }
  }
  return reason;
}

/** Whether stopping is offered now (the web app's availableActions). */
export function canStopNow(ctx: Omit<StopContext, 'stopReason'>): boolean {
  try {
    planStop(ctx);
    return true;
  } catch {
    return false;
  }
}
