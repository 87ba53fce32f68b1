import { Actor, DomainError, Role } from '@app/domain';
import type { ApplicationTransaction } from '@app/database';
import type { TransitionInput } from './transition-changes';

export interface Correction {
  reason: string;
  /** The history entry this act corrects. */
  corrects: number | null;
}

/**
 * Every act of an admin is the correction of someone else's (the lifecycle lets an admin do
 * everything only so that mistakes can be mended): it needs a reason and names the history
 * entry it corrects (the latest by default). Other roles act in their own name and may not
 * send either field.
 */
export async function correctionFor(
  actor: Actor,
  input: TransitionInput,
  applicationId: string,
  tx: ApplicationTransaction,
): Promise<Correction | null> {
  if (actor.role !== Role.Admin) {
    if (input.correctionReason !== undefined || input.correctsEntryId !== undefined) {
      throw DomainError.validation(
        input.correctionReason !== undefined ? 'correctionReason' : 'correctsEntryId',
        "only an administrator's act is a correction",
      );
    }
    return null;
  }
  const reason = input.correctionReason?.trim();
  if (!reason) {
    throw DomainError.validation(
      'correctionReason',
      "is required: an administrator's act is recorded as a correction, with its reason",
    );
  }
  const entries = await tx.historyIds(applicationId);
  if (input.correctsEntryId !== undefined && !entries.includes(input.correctsEntryId)) {
    throw DomainError.validation(
      'correctsEntryId',
      "is not an entry of this application's history",
    );
  }
  return { reason, corrects: input.correctsEntryId ?? entries.at(-1) ?? null };
}
