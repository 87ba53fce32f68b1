import { DomainError, DomainErrorCode } from '@app/domain';
import { ApplicationRecord } from '@app/database';
import type { TransitionContext } from './transition-changes';

export const limitOf = (r: ApplicationRecord) => ({
  value: r.timeLimitValue,
  unit: r.timeLimitUnit as 'working_days',
});

export function limitReached(ctx: TransitionContext, what: string, max: number): DomainError {
  return new DomainError(
    DomainErrorCode.LimitReached,
    `${what} is allowed at most ${max} time(s) per application`,
    [{ field: 'action', reason: `${what} limit (${max}) reached` }],
    ctx.current(),
  );
}
