import {
  DomainError,
  DomainErrorCode,
  dueAtAfterSupplement,
  pausedDueAt,
  Role,
  supplementRequestTiming,
} from '@app/domain';
import { ApplicationTransaction } from '@app/database';
import type { PlannedChanges, TransitionContext } from './transition-changes';
import { limitOf, limitReached } from './transition-limits';

/**
 * Spec §3.4: a supplement is asked for within the window (default 3 working days from
 * reception) and the time limit then restarts. Later — or after the due date — only a head may
 * accept the request, saying why; it is flagged, and the time limit does not restart.
 */
export function requestSupplement(ctx: TransitionContext): PlannedChanges {
  const { record: r, input, now, actor } = ctx;
  if (r.supplementCount >= ctx.rules.maxSupplementRequests) {
    throw limitReached(ctx, 'A supplement request', ctx.rules.maxSupplementRequests);
  }
  const windowWorkingDays = ctx.rules.supplementRequestWindowWorkingDays;
  const timing = supplementRequestTiming({
    now,
    receivedAt: r.receivedAt ?? now,
    dueAt: r.dueAt,
    windowWorkingDays,
    calendar: ctx.calendar,
    policy: ctx.policy,
  });
  const overrideReason = timing.late ? (input.lateOverrideReason ?? null) : null;
  if (timing.late && !overrideReason) {
    const why =
      timing.late === 'after_due_date'
        ? `the due date (${r.dueAt!.toISOString()}) has passed`
        : `the window of ${windowWorkingDays} working days from reception ended at ${timing.windowEndsAt.toISOString()}`;
    throw new DomainError(
      DomainErrorCode.LimitReached,
      `Supplement request too late: ${why}`,
      [
        {
          field: 'lateOverrideReason',
          reason: `${why}; only a head may accept a late request, giving lateOverrideReason (the time limit then does not restart)`,
        },
      ],
      ctx.current(),
    );
  }
  if (overrideReason && actor.role !== Role.Head) {
    throw new DomainError(
      DomainErrorCode.Forbidden,
      `role ${actor.role} may not accept a late supplement request: a head decides`,
      [{ field: 'lateOverrideReason', reason: 'only a head may accept a late supplement request' }],
    );
  }
  const items = input.items ?? [];
  const reason = input.reason ?? null;
  const lateOverride = overrideReason ? { reason: overrideReason, by: actor.id } : null;
  return {
    changes: {
      supplementRequestedAt: now,
      supplementCompletedAt: null,
      supplementCount: r.supplementCount + 1,
    },
    data: {
      items,
      reason,
      windowEndsAt: timing.windowEndsAt.toISOString(),
      late: timing.late,
      lateOverride,
      clockRule: timing.clockRule,
    },
    after: (t) =>
      t.openSupplement(r.id, {
        at: now,
        by: actor.id,
        items,
        reason,
        lateBecause: timing.late,
        lateOverrideReason: overrideReason,
        clockRule: timing.clockRule,
      }),
  };
}

/** The supplement arrived: a new date by the rule its request was accepted under. */
export async function receiveSupplement(
  ctx: TransitionContext,
  tx: ApplicationTransaction,
): Promise<PlannedChanges> {
  const { record: r, now, actor, input } = ctx;
  // What came is part of the record (assertRecordComplete refused an empty list).
  const received = (input.items ?? []).map((i) => i.trim());
  const clockRule = (await tx.openSupplementClockRule(r.id)) ?? 'restart';
  const requestedAt = r.supplementRequestedAt ?? now;
  const dueAt = dueAtAfterSupplement({
    clockRule,
    requestedAt,
    completedAt: now,
    currentDueAt: r.dueAt ?? now,
    limit: limitOf(r),
    calendar: ctx.calendar,
    policy: ctx.policy,
  });
  // The 766 pause figure is kept whatever the rule.
  const paused = pausedDueAt({
    originalDueAt: r.originalDueAt ?? r.dueAt ?? now,
    requestedAt,
    completedAt: now,
    calendar: ctx.calendar,
    policy: ctx.policy,
  });
  return {
    changes: { supplementCompletedAt: now, dueAt, pausedDueAt: paused },
    data: {
      previousDueAt: r.dueAt?.toISOString() ?? null,
      dueAt: dueAt.toISOString(),
      pausedDueAt: paused.toISOString(),
      clockRule,
      receivedItems: received,
    },
    after: (t) => t.completeSupplement(r.id, { at: now, by: actor.id, items: received }),
  };
}
